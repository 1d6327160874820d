package macserver.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import macserver.config.Change;
import macserver.config.ChangeListener;
import macserver.config.Origin;

/**
 * {@code /system history}: the most recent configuration changes (what, by whom, through which
 * plane, when), newest last, in memory only, as RouterOS keeps its undo history. Changes the
 * firmware makes by itself (expiry, dynamic entries) are left out. Bounded: the oldest go first.
 */
public final class ConfigHistory implements ChangeListener {
    public static final int CAPACITY = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private record Entry(String action, String by, String via, long epochSeconds) {}

    private final LongSupplier clock;
    private final Deque<Entry> entries = new ArrayDeque<>();

    public ConfigHistory(LongSupplier epochSeconds) {
        this.clock = epochSeconds;
    }

    @Override
    public void committed(List<Change> changes, Origin origin) {
        if (origin.plane() == null || changes.isEmpty()) {
            return;
        }
        Change first = changes.get(0);
        String what = first.isAdd() ? "added" : first.isRemove() ? "removed" : "changed";
        String action = first.menu().spacedPath() + " item " + what
                + (changes.size() > 1 ? " (and " + (changes.size() - 1) + " more)" : "");
        Entry e = new Entry(action, origin.user(), origin.plane().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                clock.getAsLong());
        synchronized (entries) {
            entries.addLast(e);
            while (entries.size() > CAPACITY) {
                entries.removeFirst();
            }
        }
    }

    /** The rows of /system history: action, by, via, time, then the id. */
    public List<Object[]> rows() {
        List<Object[]> out = new ArrayList<>();
        synchronized (entries) {
            int id = 1;
            for (Entry e : entries) {
                out.add(new Object[] {e.action(), e.by(), e.via(), TIME.format(Instant.ofEpochSecond(e.epochSeconds())), id++});
            }
        }
        return out;
    }
}
