package macserver.config.menus;

/**
 * An open-addressing hash from 48-bit MAC to a non-negative long, in one primitive array of
 * (key, value) pairs: the key and its value share a 16-byte pair, so a lookup that misses the
 * cache costs one memory access, not one per array (at a million entries the index is far
 * larger than the caches, and that second miss was most of the lookup's time). A 16-byte pair
 * never straddles a cache line when the array starts on a 16-byte boundary, which a large array
 * does (the collector places it at the start of its own region). About 32 bytes per entry at the
 * highest load, no objects per entry, no allocation on lookup. MAC 0 marks a free slot (it is
 * never a host's address).
 */
final class MacIndex {
    /** What {@link #get} answers for a MAC not in the index. */
    static final long MISSING = -1;
    private static final int MIN_SLOTS = 16;

    /** Slot i is {@code pairs[2i]} (the MAC) and {@code pairs[2i + 1]} (its value). */
    private long[] pairs = new long[2 * MIN_SLOTS];
    private int size;

    int size() {
        return size;
    }

    /** The value stored for {@code mac}, or {@link #MISSING}. */
    long get(long mac) {
        long[] p = pairs; // one read, so a concurrent grow cannot mix two arrays' masks
        int mask = p.length - 2;
        for (int i = slot(mac, mask); ; i = (i + 2) & mask) {
            long k = p[i];
            if (k == mac) {
                return p[i + 1];
            }
            if (k == 0) {
                return MISSING;
            }
        }
    }

    /** Stores {@code value} (not negative) for {@code mac} (not 0), replacing any value it had. */
    void put(long mac, long value) {
        if (mac == 0 || value < 0) {
            throw new IllegalArgumentException("MacIndex holds non-zero MACs and non-negative values, got "
                    + mac + " -> " + value);
        }
        if ((size + 1) * 4 > pairs.length) { // at most half the slots in use
            grow();
        }
        insert(pairs, mac, value);
    }

    /** Puts without the checks, into {@code p}; counts a new key. */
    private void insert(long[] p, long mac, long value) {
        int mask = p.length - 2;
        for (int i = slot(mac, mask); ; i = (i + 2) & mask) {
            long k = p[i];
            if (k == mac) {
                p[i + 1] = value;
                return;
            }
            if (k == 0) {
                p[i + 1] = value;
                p[i] = mac;
                size++;
                return;
            }
        }
    }

    void remove(long mac) {
        long[] p = pairs;
        int mask = p.length - 2;
        int i = slot(mac, mask);
        while (p[i] != mac) {
            if (p[i] == 0) {
                return;
            }
            i = (i + 2) & mask;
        }
        p[i] = 0;
        size--;
        // Re-seat the entries after the hole so that every probe chain stays unbroken.
        for (int j = (i + 2) & mask; p[j] != 0; j = (j + 2) & mask) {
            long k = p[j];
            long v = p[j + 1];
            p[j] = 0;
            size--;
            insert(p, k, v);
        }
    }

    void clear() {
        pairs = new long[2 * MIN_SLOTS];
        size = 0;
    }

    private void grow() {
        long[] old = pairs;
        long[] bigger = new long[old.length * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                insert(bigger, old[i], old[i + 1]);
            }
        }
        pairs = bigger;
    }

    /** The even array index of {@code mac}'s home slot; {@code mask} is the array length minus 2. */
    private static int slot(long mac, int mask) {
        long h = mac * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) << 1 & mask;
    }

    @Override
    public String toString() {
        return "MacIndex[" + size + "/" + pairs.length / 2 + "]";
    }
}
