package macserver.config.menus;

/**
 * An open-addressing hash from 48-bit MAC to int, in two primitive arrays: about 24 bytes per
 * entry at the highest load, no objects per entry, no allocation on lookup. MAC 0 marks a free
 * slot (it is never a host's address).
 */
final class MacIndex {
    private static final int MIN_CAPACITY = 16;

    private long[] keys = new long[MIN_CAPACITY];
    private int[] values = new int[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** The value stored for {@code mac}, or -1. */
    int get(long mac) {
        int mask = keys.length - 1;
        for (int i = slot(mac, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == mac) {
                return values[i];
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    void put(long mac, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(mac, mask); ; i = (i + 1) & mask) {
            if (keys[i] == mac) {
                values[i] = value;
                return;
            }
            if (keys[i] == 0) {
                keys[i] = mac;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    void remove(long mac) {
        int mask = keys.length - 1;
        int i = slot(mac, mask);
        while (keys[i] != mac) {
            if (keys[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = 0;
        size--;
        // Re-seat the entries after the hole so that every probe chain stays unbroken.
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            long k = keys[j];
            int v = values[j];
            keys[j] = 0;
            size--;
            put(k, v);
        }
    }

    void clear() {
        keys = new long[MIN_CAPACITY];
        values = new int[MIN_CAPACITY];
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(long mac, int mask) {
        long h = mac * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @Override
    public String toString() {
        return "MacIndex[" + size + "/" + keys.length + "]";
    }
}
