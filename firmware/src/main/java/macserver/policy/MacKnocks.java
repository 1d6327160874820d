package macserver.policy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Unbound MACs that knocked on a server which asks RADIUS, handed from the data path to the
 * RADIUS worker without a lock or an allocation: a fixed ring of slots, each holding
 * {@code mac << 16 | server}. When the worker lags, newer knocks overwrite older ones; a lost knock
 * is harmless because the MAC knocks again with its next packet. The worker parks while the ring
 * is empty; the first knock after a drain wakes it (later ones only set a slot).
 */
public final class MacKnocks {
    private final AtomicLongArray slots;
    private final AtomicLong next = new AtomicLong();
    private final int mask;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Thread worker;

    /** @param capacity a power of two */
    public MacKnocks(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        slots = new AtomicLongArray(capacity);
        mask = capacity - 1;
    }

    /** Data path: notes a knock. {@code server} must be 1..65535. */
    public void offer(long mac, int server) {
        slots.set((int) (next.getAndIncrement() & mask), (mac << 16) | (server & 0xFFFF));
        if (!pending.get() && !pending.getAndSet(true)) {
            Thread t = worker;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Worker: parks until a knock comes after the last {@link #drain} (or until unparked by
     * someone else, e.g. to stop); returns at once if one already has.
     */
    public void awaitKnock() {
        worker = Thread.currentThread();
        if (!pending.get()) {
            LockSupport.park(this);
        }
    }

    /** Worker: hands every noted knock to {@code sink} (as {@code mac << 16 | server}) and empties the ring. */
    public int drain(LongConsumer sink) {
        // Cleared before the slots are read: a knock that lands during the drain wakes the next wait.
        pending.set(false);
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            long v = slots.getAndSet(i, 0);
            if (v != 0) {
                sink.accept(v);
                n++;
            }
        }
        return n;
    }

    public static long mac(long knock) {
        return knock >>> 16;
    }

    public static int server(long knock) {
        return (int) (knock & 0xFFFF);
    }
}
