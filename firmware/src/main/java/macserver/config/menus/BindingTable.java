package macserver.config.menus;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import macserver.config.ItemTable;
import macserver.config.Menu;
import macserver.config.Property;

/**
 * The bindings of {@code /ip mac-server binding}, kept column by column in primitive arrays
 * indexed by item id, so that a million bindings take tens of megabytes, not hundreds, and the
 * data path can ask "which server, allowed or denied?" for a MAC without allocating anything.
 * Rows are made on demand for the generic menu code. The server and flags live in the MAC
 * index's value beside the id, not in columns: the data path's answer then comes from the one
 * cache line that holds the MAC's slot.
 */
public final class BindingTable implements ItemTable {
    // Stored property order of the binding menu (see MacServerMenus), checked against it by name on construction.
    static final int MAC = 0, SERVER = 1, ACTION = 2, DISABLED = 3, COMMENT = 4, TIMEOUT = 5, RETRY = 6, TIME = 7,
            DYNAMIC = 8, EXPIRES_AT = 9;
    private static final List<String> LAYOUT = List.of("mac-address", "server", "action", "disabled", "comment",
            "timeout", "retry", "time", "dynamic", "expires-at");
    private static final byte DENY = 1, OFF = 2, DYN = 4;

    private final Menu menu;
    private final MacIndex byMac = new MacIndex();
    private final Map<Integer, String> comments = new HashMap<>();
    private long[] macs = new long[16];
    private int[] times = new int[16];
    private int[] timeouts = new int[16];
    private int[] expiries = new int[16];
    private byte[] retries = new byte[16];
    private int size;
    /**
     * Seqlock for readers outside the model's lock (the data path): odd while a writer changes
     * the table. Writers are already serialised by the model's write lock.
     */
    private volatile int version;
    private int highestId;
    private int nextId = 1;

    public BindingTable(Menu menu) {
        this.menu = menu;
        if (menu.storedCount() != LAYOUT.size()) {
            throw new IllegalArgumentException("BindingTable does not fit " + menu);
        }
        for (int i = 0; i < LAYOUT.size(); i++) {
            Property p = menu.property(LAYOUT.get(i));
            if (p == null || p.index() != i) {
                throw new IllegalArgumentException("BindingTable does not fit " + menu + ": " + LAYOUT.get(i)
                        + " is not stored at " + i);
            }
        }
    }

    @Override public Menu menu() { return menu; }
    @Override public int size() { return size; }

    /** The id of the binding for {@code mac}, or -1: O(1), allocation-free. Under the model's lock. */
    public int idOfMac(long mac) {
        long packed = byMac.get(mac);
        return packed == MacIndex.MISSING ? -1 : (int) (packed >>> 32);
    }

    /** The largest server id a binding can name: the index packs it into 24 bits. */
    public static final int MAX_SERVER_ID = 0xFF_FFFF;

    /** Flag bits of {@link #lookup}. */
    public static final int DENIED = DENY, DISABLED_FLAG = OFF;

    /**
     * What the data path needs about the binding of {@code mac}, read without any lock and
     * without allocating: -1 when there is none, else {@code id << 32 | server << 8 | flags}
     * ({@link #DENIED}, {@link #DISABLED_FLAG}). A concurrent change is never seen half-done.
     */
    public long lookup(long mac) {
        while (true) {
            int v = version;
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            // The index holds exactly this answer, and a grow publishes a complete array, so
            // unlike the columns it cannot throw when a writer races us.
            long result = byMac.get(mac);
            // Keeps the reads above from drifting past the check, as StampedLock.validate does.
            java.lang.invoke.VarHandle.acquireFence();
            if (version == v) {
                return result;
            }
        }
    }

    /**
     * The {@code retry} of {@code mac}'s binding, -1 when it has none or no binding: from any
     * thread without a lock (the same seqlock as {@link #lookup}).
     */
    public int retryOf(long mac) {
        while (true) {
            int v = version;
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long packed = byMac.get(mac);
            byte[] r = retries;
            int id = packed == MacIndex.MISSING ? -1 : (int) (packed >>> 32);
            // A racing writer may have swapped the column: a torn read is thrown away below.
            int retry = id >= 0 && id < r.length ? r[id] : -1;
            java.lang.invoke.VarHandle.acquireFence();
            if (version == v) {
                return retry;
            }
        }
    }

    public int server(int id) { return (int) (packed(id) >>> 8) & MAX_SERVER_ID; }
    public boolean isDeny(int id) { return (packed(id) & DENY) != 0; }
    public boolean isDisabled(int id) { return (packed(id) & OFF) != 0; }
    /** Failed logins allowed before lockout, or -1 to use the server's setting. */
    public int retry(int id) { return retries[id]; }

    /** What the index holds for live binding {@code id}: {@code id << 32 | server << 8 | flags}. */
    private long packed(int id) {
        return byMac.get(macs[id]);
    }

    private boolean live(int id) {
        return id > 0 && id <= highestId && macs[id] != 0;
    }

    @Override
    public Object[] get(int id) {
        if (!live(id)) {
            return null;
        }
        long packed = packed(id);
        int flags = (int) packed & 0xFF;
        Object[] row = new Object[LAYOUT.size()];
        row[MAC] = macs[id];
        row[SERVER] = (int) (packed >>> 8) & MAX_SERVER_ID;
        row[ACTION] = (flags & DENY) != 0 ? "deny" : "allow";
        row[DISABLED] = (flags & OFF) != 0;
        row[COMMENT] = comments.get(id);
        row[TIMEOUT] = timeouts[id] < 0 ? null : (Long) (long) timeouts[id];
        row[RETRY] = retries[id] < 0 ? null : (Long) (long) retries[id];
        row[TIME] = Integer.toUnsignedLong(times[id]);
        row[DYNAMIC] = (flags & DYN) != 0;
        row[EXPIRES_AT] = expiries[id] == 0 ? null : (Long) Integer.toUnsignedLong(expiries[id]);
        return row;
    }

    @Override
    public void put(int id, Object[] row) {
        int server = (Integer) row[SERVER];
        if (server < 0 || server > MAX_SERVER_ID) {
            // Checked before the seqlock opens, so a refused row changes nothing.
            throw new IllegalArgumentException("binding server id " + server + " is outside 0.." + MAX_SERVER_ID);
        }
        version++;
        try {
            write(id, row);
        } finally {
            version++;
        }
    }

    private void write(int id, Object[] row) {
        ensure(id);
        if (macs[id] != 0) {
            byMac.remove(macs[id]);
        } else {
            size++;
        }
        long mac = (Long) row[MAC];
        macs[id] = mac;
        int flags = ("deny".equals(row[ACTION]) ? DENY : 0) | (Boolean.TRUE.equals(row[DISABLED]) ? OFF : 0)
                | (Boolean.TRUE.equals(row[DYNAMIC]) ? DYN : 0);
        byMac.put(mac, (long) id << 32 | (long) (Integer) row[SERVER] << 8 | flags);
        if (row[COMMENT] == null) {
            comments.remove(id);
        } else {
            comments.put(id, (String) row[COMMENT]);
        }
        timeouts[id] = row[TIMEOUT] == null ? -1 : (int) (long) (Long) row[TIMEOUT];
        retries[id] = row[RETRY] == null ? -1 : (byte) (long) (Long) row[RETRY];
        times[id] = row[TIME] == null ? 0 : (int) (long) (Long) row[TIME];
        expiries[id] = row[EXPIRES_AT] == null ? 0 : (int) (long) (Long) row[EXPIRES_AT];
        highestId = Math.max(highestId, id);
        nextId = Math.max(nextId, id + 1);
    }

    @Override
    public void remove(int id) {
        if (!live(id)) {
            return;
        }
        version++;
        try {
            byMac.remove(macs[id]);
            macs[id] = 0;
            comments.remove(id);
            size--;
        } finally {
            version++;
        }
    }

    @Override
    public int allocateId() {
        // Ids only grow, as in RouterOS, unless removals have left the arrays mostly empty:
        // then the lowest free id is reused so memory stays bounded by twice the live bindings.
        if (size * 2 < highestId && highestId > 1024) {
            for (int n = 0; n < highestId; n++) {
                freeCursor = freeCursor >= highestId ? 1 : freeCursor + 1;
                if (macs[freeCursor] == 0) {
                    return freeCursor;
                }
            }
        }
        return nextId++;
    }

    /** Where the search for a free id resumes, so reuse costs O(1) on average. */
    private int freeCursor;

    @Override
    public int find(Property p, Object value) {
        if (p.index() != MAC) {
            throw new IllegalArgumentException(p + " is not indexed");
        }
        return idOfMac((Long) value);
    }

    @Override
    public int nextId(int from) {
        for (int id = Math.max(1, from); id <= highestId; id++) {
            if (macs[id] != 0) {
                return id;
            }
        }
        return -1;
    }

    @Override
    public Iterable<Integer> ids() {
        return () -> new Iterator<>() {
            private int next = advance(1);

            private int advance(int from) {
                int i = from;
                while (i <= highestId && macs[i] == 0) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next <= highestId;
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int id = next;
                next = advance(id + 1);
                return id;
            }
        };
    }

    @Override
    public Iterator<Map.Entry<Integer, Object[]>> iterator() {
        Iterator<Integer> ids = ids().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Map.Entry<Integer, Object[]> next() {
                int id = ids.next();
                return new AbstractMap.SimpleImmutableEntry<>(id, get(id));
            }
        };
    }

    @Override
    public void clear() {
        version++;
        byMac.clear();
        comments.clear();
        macs = new long[16];
        times = new int[16];
        timeouts = new int[16];
        expiries = new int[16];
        retries = new byte[16];
        size = 0;
        highestId = 0;
        nextId = 1;
        freeCursor = 0;
        version++;
    }

    private void ensure(int id) {
        if (id < macs.length) {
            return;
        }
        int n = Math.max(id + 1, macs.length + (macs.length >> 1));
        macs = java.util.Arrays.copyOf(macs, n);
        times = java.util.Arrays.copyOf(times, n);
        timeouts = java.util.Arrays.copyOf(timeouts, n);
        expiries = java.util.Arrays.copyOf(expiries, n);
        retries = java.util.Arrays.copyOf(retries, n);
    }
}
