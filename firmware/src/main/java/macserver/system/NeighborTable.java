package macserver.system;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Devices heard by neighbour discovery, for {@code /ip neighbor}: one entry per interface and MAC,
 * bounded (the oldest goes first) and forgotten after {@code maxAgeSeconds} of silence.
 */
public final class NeighborTable {
    /** What /ip neighbor shows of one device. */
    public record Entry(String interfaceName, long mac, String identity, String platform, String version, String board,
                        String softwareId, String interfaceNameThere, String address, long uptime, long seenAt) {}

    private final LongSupplier clock;
    private final int capacity;
    private final long maxAgeSeconds;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public NeighborTable(LongSupplier epochSeconds, int capacity, long maxAgeSeconds) {
        this.clock = epochSeconds;
        this.capacity = capacity;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    public synchronized void seen(Entry e) {
        String key = e.interfaceName() + "/" + e.mac();
        entries.remove(key);
        entries.put(key, e);
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (entries.size() > capacity && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** Rows in the property order of /ip neighbor, then the id. */
    public synchronized List<Object[]> rows() {
        long now = clock.getAsLong();
        entries.values().removeIf(e -> now - e.seenAt() > maxAgeSeconds);
        List<Object[]> out = new ArrayList<>();
        int id = 1;
        for (Entry e : entries.values()) {
            out.add(new Object[] {e.interfaceName(), e.mac(), e.identity(), e.platform(), e.version(), e.board(),
                    e.softwareId(), e.interfaceNameThere(), e.address(), e.uptime() < 0 ? null : e.uptime(),
                    Math.max(0, now - e.seenAt()), id++});
        }
        return out;
    }
}
