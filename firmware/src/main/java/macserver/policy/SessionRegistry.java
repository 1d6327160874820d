package macserver.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import macserver.config.ConfigException;

/**
 * The MAC-Telnet sessions that are logged in: what {@code /tool mac-server sessions} lists, the
 * per-server counts that {@code max-sessions} limits, and the way the CLI ends one.
 */
public final class SessionRegistry {
    /** One session as listed. */
    public record Entry(int id, int server, long clientMac, String interfaceName, String user, long since, Runnable ender) {}

    private final LongSupplier clock;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final ConcurrentSkipListMap<Integer, Entry> sessions = new ConcurrentSkipListMap<>();
    private final Map<Integer, AtomicInteger> perServer = new ConcurrentHashMap<>();

    public SessionRegistry(LongSupplier epochSeconds) {
        this.clock = epochSeconds;
    }

    /**
     * Registers a session if {@code server} has fewer than {@code maxSessions}; returns its id,
     * or -1 when the server is full.
     */
    public int open(int server, int maxSessions, long clientMac, String interfaceName, String user, Runnable ender) {
        AtomicInteger count = perServer.computeIfAbsent(server, k -> new AtomicInteger());
        if (count.incrementAndGet() > maxSessions) {
            count.decrementAndGet();
            return -1;
        }
        int id = nextId.getAndIncrement();
        sessions.put(id, new Entry(id, server, clientMac, interfaceName, user, clock.getAsLong(), ender));
        return id;
    }

    public void close(int id) {
        Entry e = sessions.remove(id);
        if (e != null) {
            perServer.get(e.server()).decrementAndGet();
        }
    }

    public long count(int server) {
        AtomicInteger c = perServer.get(server);
        return c == null ? 0 : c.get();
    }

    /** Ends a session from the CLI ({@code /tool mac-server sessions remove}). */
    public void end(int id) throws ConfigException {
        Entry e = sessions.get(id);
        if (e == null) {
            throw new ConfigException("no such item");
        }
        e.ender().run();
        close(id);
    }

    /** Rows for /tool mac-server sessions: interface, src-address, server, user, uptime, id. */
    public List<Object[]> rows(java.util.function.IntFunction<String> serverName) {
        long now = clock.getAsLong();
        List<Object[]> out = new ArrayList<>();
        for (Entry e : sessions.values()) {
            out.add(new Object[] {e.interfaceName(), e.clientMac(), serverName.apply(e.server()), e.user(),
                    Math.max(0, now - e.since()), e.id()});
        }
        return out;
    }
}
