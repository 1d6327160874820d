package macserver.mactelnet;

/**
 * The host's one answer for a SESSIONSTART or PING, packed in a long so that the per-packet path
 * allocates nothing: the serving instance's id and whether the MAC has its own binding (a bound
 * MAC may push out an unbound half-open session), or the {@link DropReason}.
 */
public final class Admission {
    private static final DropReason[] REASONS = DropReason.values();

    private Admission() {
    }

    /** Served by instance {@code serverId} (0 or more). */
    public static long admitted(int serverId, boolean bound) {
        return ((long) serverId << 1) | (bound ? 1 : 0);
    }

    public static long dropped(DropReason reason) {
        return -1L - reason.ordinal();
    }

    public static boolean isDropped(long admission) {
        return admission < 0;
    }

    public static int serverId(long admission) {
        return (int) (admission >>> 1);
    }

    public static boolean isBound(long admission) {
        return (admission & 1) != 0;
    }

    public static DropReason reason(long admission) {
        return REASONS[(int) (-1L - admission)];
    }

    /** For logs and tests: {@code server 3 (bound)} or the drop reason's word. */
    public static String describe(long admission) {
        return isDropped(admission) ? reason(admission).word()
                : "server " + serverId(admission) + (isBound(admission) ? " (bound)" : "");
    }
}
