package macserver.mactelnet;

import java.util.function.Consumer;

/**
 * Sessions by (client MAC, session key), packed into one long: open addressing with linear
 * probing, so the lookup for every DATA and ACK allocates nothing. Fixed capacity: the server
 * never holds more than {@link MacServerConfig#maxSessions()}.
 */
final class SessionTable {

    private final long[] keys;
    private final MacTelnetSession[] values;
    private final int mask;
    private final int maxEntries;
    private int size;

    SessionTable(int maxEntries) {
        this.maxEntries = maxEntries;
        // At most half full, so probe runs stay short and there is always an empty slot.
        int capacity = Integer.highestOneBit(maxEntries * 2 + 1) << 1;
        keys = new long[capacity];
        values = new MacTelnetSession[capacity];
        mask = capacity - 1;
    }

    static long key(long clientMac, int sessionKey) {
        return clientMac << 16 | (sessionKey & 0xFFFF);
    }

    int size() {
        return size;
    }

    MacTelnetSession get(long key) {
        for (int i = slot(key); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return null;
    }

    /** Adds a session whose key is not in the table yet; the caller keeps within the capacity. */
    void put(long key, MacTelnetSession session) {
        if (size >= maxEntries) {
            throw new IllegalStateException("session table full");
        }
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                throw new IllegalStateException("session already in the table");
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = session;
        size++;
    }

    void remove(long key) {
        int i = slot(key);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        size--;
        // Move later members of the probe run back so that no lookup stops early at the hole.
        int hole = i;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                values[j] = null;
                hole = j;
            }
        }
    }

    /** Visits every session; the visitor must not add or remove. */
    void forEach(Consumer<MacTelnetSession> visitor) {
        for (MacTelnetSession s : values) {
            if (s != null) {
                visitor.accept(s);
            }
        }
    }

    /** A copy of the members, for passes that remove sessions as they go. */
    MacTelnetSession[] toArray() {
        MacTelnetSession[] out = new MacTelnetSession[size];
        int n = 0;
        for (MacTelnetSession s : values) {
            if (s != null) {
                out[n++] = s;
            }
        }
        return out;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
