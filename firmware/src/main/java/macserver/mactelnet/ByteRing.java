package macserver.mactelnet;

import java.nio.ByteBuffer;

/**
 * A FIFO of bytes with a hard limit whose storage grows on demand and can be given back when
 * empty: an idle session holds no buffer at all, a typing one a small array, and only a burst
 * (a paste, a long listing) takes it up to the limit. Storage grows in powers of two from
 * {@link #MIN_STORAGE}, so steady traffic stops allocating after the first few writes. Not
 * thread-safe: the owner guards it.
 */
final class ByteRing {

    static final int MIN_STORAGE = 64;
    private static final byte[] NONE = new byte[0];

    private final int limit;
    private byte[] ring = NONE;
    private int head;
    private int count;

    ByteRing(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("ring limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    int size() {
        return count;
    }

    /** Bytes that still fit under the limit. */
    int room() {
        return limit - count;
    }

    /** Bytes of storage held now (0 when released). */
    int storageBytes() {
        return ring.length;
    }

    /** Appends as much of {@code src} (absolute offset and length) as fits under the limit; returns how much. */
    int put(ByteBuffer src, int offset, int length) {
        int n = reserve(length);
        if (n == 0) {
            return 0;
        }
        int tail = (head + count) % ring.length;
        int first = Math.min(n, ring.length - tail);
        src.get(offset, ring, tail, first);
        src.get(offset + first, ring, 0, n - first);
        count += n;
        return n;
    }

    /** Removes and returns the oldest byte (0..255); the ring must not be empty. */
    int take() {
        int b = ring[head] & 0xFF;
        skip(1);
        return b;
    }

    /** Removes up to {@code len} of the oldest bytes into {@code b}; returns how many. */
    int take(byte[] b, int off, int len) {
        int n = Math.min(len, count);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, b, off, first);
        System.arraycopy(ring, 0, b, off + first, n - first);
        skip(n);
        return n;
    }

    /** Copies up to {@code max} of the oldest bytes into {@code out} (at its position) and keeps them; returns how many. */
    int peek(ByteBuffer out, int max) {
        int n = Math.min(max, Math.min(count, out.remaining()));
        int first = Math.min(n, ring.length - head);
        out.put(ring, head, first);
        out.put(ring, 0, n - first);
        return n;
    }

    /** Drops the {@code n} oldest bytes ({@code n} at most {@link #size}). */
    void skip(int n) {
        if (n < 0 || n > count) {
            throw new IllegalArgumentException("cannot skip " + n + " of " + count + " bytes");
        }
        count -= n;
        head = count == 0 ? 0 : (head + n) % ring.length;
    }

    /** Gives the storage back if nothing is held; returns whether it did. */
    boolean release() {
        if (count != 0) {
            return false;
        }
        ring = NONE;
        head = 0;
        return true;
    }

    /** How many of {@code wanted} bytes fit; grows the storage so that they do. */
    private int reserve(int wanted) {
        int n = Math.min(wanted, limit - count);
        int needed = count + n;
        if (needed > ring.length) {
            int size = Math.min(limit, Math.max(MIN_STORAGE, Integer.highestOneBit(needed - 1) << 1));
            byte[] bigger = new byte[size];
            int first = Math.min(count, ring.length - head);
            System.arraycopy(ring, head, bigger, 0, first);
            System.arraycopy(ring, 0, bigger, first, count - first);
            ring = bigger;
            head = 0;
        }
        return n;
    }
}
