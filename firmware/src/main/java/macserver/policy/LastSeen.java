package macserver.policy;

/**
 * When each client MAC was last heard, for the {@code last-seen} of bindings: a fixed-size,
 * direct-mapped table (a MAC that collides with another replaces it), so the per-packet update
 * allocates nothing and memory stays fixed however many MACs talk. A status display, not an
 * audit log: an entry can be pushed out, and then last-seen is simply empty.
 */
public final class LastSeen {
    private final long[] macs;
    private final int[] seconds;
    private final int mask;

    /** @param slotsLog2 the table holds 2^slotsLog2 MACs (16 gives 65,536 slots, 768 KiB) */
    public LastSeen(int slotsLog2) {
        macs = new long[1 << slotsLog2];
        seconds = new int[1 << slotsLog2];
        mask = macs.length - 1;
    }

    public void touch(long mac, long epochSeconds) {
        int slot = slot(mac);
        seconds[slot] = (int) epochSeconds;
        macs[slot] = mac;
    }

    /** Epoch seconds when {@code mac} was last heard, or -1 when not known. */
    public long lastHeard(long mac) {
        int slot = slot(mac);
        return macs[slot] == mac && mac != 0 ? Integer.toUnsignedLong(seconds[slot]) : -1;
    }

    private int slot(long mac) {
        long h = mac * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }
}
