package macserver.policy;

/**
 * Why a packet was dropped; {@link MacPolicy#decide} returns a server id (positive) or one of
 * these codes (negative), so the per-packet path allocates nothing.
 */
public final class Verdict {
    public static final int DENY_BINDING = -1;
    public static final int BINDING_DISABLED = -2;
    public static final int NO_DEFAULT_SERVER = -3;
    public static final int SERVER_DISABLED = -4;
    public static final int SERVICE_OFF = -5;
    public static final int INTERFACE_NOT_ALLOWED = -6;
    public static final int PING_OFF = -7;
    /** An unbound MAC on a server that asks RADIUS: dropped until the answer makes a binding. */
    public static final int RADIUS_PENDING = -8;

    private Verdict() {
    }

    public static boolean allowed(int verdict) {
        return verdict > 0;
    }

    public static String describe(int verdict) {
        return switch (verdict) {
            case DENY_BINDING -> "binding denies this MAC";
            case BINDING_DISABLED -> "binding disabled";
            case NO_DEFAULT_SERVER -> "no binding and no default server";
            case SERVER_DISABLED -> "server disabled";
            case SERVICE_OFF -> "service off on this server";
            case INTERFACE_NOT_ALLOWED -> "interface not in the allowed list";
            case PING_OFF -> "MAC ping off";
            default -> verdict > 0 ? "allowed by server " + verdict : "dropped (" + verdict + ")";
        };
    }
}
