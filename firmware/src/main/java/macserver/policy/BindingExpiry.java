package macserver.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.config.Change;
import macserver.config.ChangeListener;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.MacServerMenus.BindingRow;

/**
 * Removes bindings whose timeout has run out. Keeps the bindings that have a timeout in order of
 * expiry, so each tick looks only at what is due, however many bindings there are.
 */
public final class BindingExpiry implements ChangeListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BindingExpiry.class.getName());

    private final ConfigModel model;
    private final Menu bindings;
    private final TreeMap<Long, Set<Integer>> due = new TreeMap<>();
    private ScheduledExecutorService timer;

    public BindingExpiry(ConfigModel model) {
        this.model = model;
        this.bindings = model.schema().menu("ip mac-server binding");
        model.addListener(this);
        rebuild();
    }

    /** Reads every binding's expiry again (after mount or reset). */
    public synchronized void rebuild() {
        due.clear();
        model.readLocked(() -> {
            for (var it = model.table(bindings).iterator(); it.hasNext(); ) {
                var e = it.next();
                track(e.getKey(), BindingRow.expiresAt(e.getValue()));
            }
        });
    }

    @Override
    public synchronized void committed(List<Change> changes, Origin origin) {
        for (Change c : changes) {
            if (c.menu() != bindings) {
                continue;
            }
            if (c.before() != null) {
                untrack(c.id(), BindingRow.expiresAt(c.before()));
            }
            if (c.after() != null) {
                track(c.id(), BindingRow.expiresAt(c.after()));
            }
        }
    }

    private void track(int id, Long at) {
        if (at != null) {
            due.computeIfAbsent(at, k -> new HashSet<>()).add(id);
        }
    }

    private void untrack(int id, Long at) {
        if (at != null) {
            Set<Integer> ids = due.get(at);
            if (ids != null && ids.remove(id) && ids.isEmpty()) {
                due.remove(at);
            }
        }
    }

    /** Removes every binding that is due now, in one transaction; returns how many. */
    public int expireDue() throws ConfigException {
        long now = model.now();
        List<Integer> ids = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<Long, Set<Integer>> e : due.headMap(now, true).entrySet()) {
                ids.addAll(e.getValue());
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        return model.write(Origin.SYSTEM, tx -> {
            int removed = 0;
            for (int id : ids) {
                Object[] row = model.table(bindings).get(id);
                Long at = row == null ? null : BindingRow.expiresAt(row);
                if (at != null && at <= tx.now()) {
                    tx.remove(bindings, id);
                    removed++;
                }
            }
            return removed;
        });
    }

    /** Checks once a second in a background thread. */
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "binding-expiry");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                expireDue();
            } catch (ConfigException | RuntimeException e) {
                LOG.log(Level.WARNING, "expiring bindings failed: " + e.getMessage(), e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
