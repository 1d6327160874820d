package macserver.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import macserver.store.FlashDevice;
import macserver.store.LogStore;
import macserver.store.RecordSink;
import macserver.store.SnapshotSource;
import macserver.store.StoreDamage;
import macserver.store.StoreFullException;
import macserver.store.StoreOptions;
import macserver.store.StoreRecord;
import macserver.store.StoreStats;

/**
 * Keeps the configuration model on flash: mount rebuilds the model from the store, every
 * committed transaction becomes one store transaction, and checkpoints take their snapshot
 * from the model while writers are held off: a slice at a time in the background, or all at once
 * when the store runs short of space inside a commit.
 */
public final class ConfigStorage implements Journal, SnapshotSource, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConfigStorage.class.getName());

    private final ConfigModel model;
    private final LogStore store;
    private final List<Menu> storedMenus;
    private int skipped;
    /**
     * The transaction being appended, already applied to the model. A checkpoint the store writes
     * during that append must show the state before it: the transaction is not durable yet and may
     * still be refused, so none of it may reach flash through the checkpoint.
     */
    private Map<Long, Change> inFlight = Map.of();

    private ConfigStorage(ConfigModel model, FlashDevice device, StoreOptions options) throws IOException {
        this.model = model;
        this.storedMenus = model.schema().menus().stream().filter(Menu::isStored)
                .sorted(java.util.Comparator.comparingInt(Menu::code)).toList();
        this.store = LogStore.mount(device, options, new Loader());
        store.setSnapshotSource(this);
        model.setJournal(this);
    }

    /** Mounts the store and loads the model from it; the model must still be blank. */
    public static ConfigStorage mount(ConfigModel model, FlashDevice device, StoreOptions options) throws IOException {
        return new ConfigStorage(model, device, options);
    }

    /** Items that could not be read back (corrupt or from an unknown menu); reported at mount. */
    public int skippedItems() {
        return skipped;
    }

    /**
     * Checkpoints from now on are written by a thread of their own, a slice at a time, so that no
     * command waits for one (without it, the command that fills the log writes the checkpoint).
     */
    public void checkpointInBackground() {
        store.checkpointInBackground();
    }

    /** One step of a background checkpoint, as the checkpoint thread takes it; for tests. */
    boolean checkpointStep() throws IOException {
        return store.checkpointStep();
    }

    public StoreStats stats() {
        return store.stats();
    }

    /** The transactions the mount found damaged and left out whole. */
    public StoreDamage damage() {
        return store.damage();
    }

    @Override
    public long append(List<Change> changes) throws ConfigException {
        List<StoreRecord> records = new ArrayList<>(changes.size());
        for (Change c : changes) {
            if (!c.menu().isStored()) {
                continue;
            }
            long key = RowCodec.key(c.menu(), c.id());
            records.add(new StoreRecord(key, c.after() == null ? null : RowCodec.encode(c.menu(), c.after())));
        }
        if (records.isEmpty()) {
            return -1;
        }
        Map<Long, Change> byKey = new HashMap<>();
        for (Change c : changes) {
            if (c.menu().isStored()) {
                byKey.put(RowCodec.key(c.menu(), c.id()), c);
            }
        }
        inFlight = byKey;
        try {
            return store.append(records);
        } catch (StoreFullException e) {
            throw new ConfigException("failure: not enough space on flash");
        } finally {
            inFlight = Map.of();
        }
    }

    @Override
    public void awaitDurable(long ticket) throws ConfigException {
        if (ticket < 0) {
            return;
        }
        try {
            store.awaitDurable(ticket);
        } catch (IOException e) {
            throw new ConfigException("failure: flash write failed (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void snapshot(RecordSink out) {
        model.readLocked(() -> {
            for (Menu m : model.schema().menus()) {
                if (!m.isStored()) {
                    continue;
                }
                for (var it = model.table(m).iterator(); it.hasNext(); ) {
                    var e = it.next();
                    long key = RowCodec.key(m, e.getKey());
                    if (!inFlight.containsKey(key)) {
                        out.put(key, RowCodec.encode(m, e.getValue()));
                    }
                }
            }
            for (var e : inFlight.entrySet()) {
                Change c = e.getValue();
                if (c.before() != null) {
                    out.put(e.getKey(), RowCodec.encode(c.menu(), c.before()));
                }
            }
        });
    }

    @Override
    public void holdingWriters(Runnable body) {
        model.readLocked(body);
    }

    /** Stored menus in code order, then items in id order: the order of their store keys. */
    @Override
    public long snapshotSlice(long fromKey, int max, RecordSink out) {
        int listed = 0;
        for (Menu m : storedMenus) {
            if (m.code() < RowCodec.menuCode(fromKey)) {
                continue;
            }
            ItemTable table = model.table(m);
            int from = m.code() == RowCodec.menuCode(fromKey) ? RowCodec.id(fromKey) : 0;
            for (int id = table.nextId(from); id >= 0; id = table.nextId(id + 1)) {
                if (listed == max) {
                    return RowCodec.key(m, id);
                }
                out.put(RowCodec.key(m, id), RowCodec.encode(m, table.get(id)));
                listed++;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    /** Rebuilds the model from what the store replays at mount. */
    private final class Loader implements RecordSink {
        @Override
        public void put(long key, byte[] value) {
            Menu menu = model.schema().byCode(RowCodec.menuCode(key));
            if (menu == null) {
                skipped++;
                LOG.warning("flash holds an item of unknown menu code " + RowCodec.menuCode(key) + ": skipped");
                return;
            }
            try {
                model.load(menu, RowCodec.id(key), RowCodec.decode(menu, value));
            } catch (ConfigException | RuntimeException e) {
                skipped++;
                LOG.warning("item " + RowCodec.id(key) + " of " + menu + " unreadable: " + e.getMessage());
            }
        }

        @Override
        public void delete(long key) {
            Menu menu = model.schema().byCode(RowCodec.menuCode(key));
            if (menu != null) {
                model.unload(menu, RowCodec.id(key));
            }
        }
    }
}
