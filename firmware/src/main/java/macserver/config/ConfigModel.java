package macserver.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one source of truth for the configuration: every menu's items, changed only through
 * transactions that are all-or-nothing and durable before {@link #write} returns.
 * Readers take {@link #read}; tables returned by {@link #table} are only to be read.
 */
public final class ConfigModel implements References {

    /** The body of a transaction. */
    @FunctionalInterface
    public interface TransactionBody<T> {
        T run(Transaction tx) throws ConfigException;
    }

    private final Schema schema;
    private final Map<Menu, ItemTable> tables = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final LongSupplier epochSeconds;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Journal journal = Journal.NONE;

    public ConfigModel(Schema schema, LongSupplier epochSeconds) {
        this.schema = schema;
        this.epochSeconds = epochSeconds;
        for (Menu m : schema.menus()) {
            if (m.kind() == Menu.Kind.LIST || m.kind() == Menu.Kind.SINGLETON) {
                tables.put(m, m.newTable());
            }
        }
        resetSingletons();
    }

    private void resetSingletons() {
        for (ItemTable t : tables.values()) {
            if (t.menu().kind() == Menu.Kind.SINGLETON) {
                t.put(1, t.menu().defaultRow());
            }
        }
    }

    public Schema schema() {
        return schema;
    }

    public long now() {
        return epochSeconds.getAsLong();
    }

    public void setJournal(Journal journal) {
        this.journal = journal;
    }

    public void addListener(ChangeListener l) {
        listeners.add(l);
    }

    /** Stops telling {@code l} of commits (a feature that was switched off). */
    public void removeListener(ChangeListener l) {
        listeners.remove(l);
    }

    /** The items of a LIST or SINGLETON menu. Read them only inside {@link #read} or a transaction. */
    public ItemTable table(Menu menu) {
        ItemTable t = tables.get(menu);
        if (t == null) {
            throw new IllegalArgumentException(menu + " has no items");
        }
        return t;
    }

    public <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs a transaction: all of it applies or none of it does, and the call returns only when it
     * is durable. The message of a ConfigException is what the user sees.
     */
    public <T> T write(Origin origin, TransactionBody<T> body) throws ConfigException {
        long ticket;
        T result;
        lock.writeLock().lock();
        try {
            Transaction tx = new Transaction(this, origin, now());
            List<Change> changes;
            try {
                result = body.run(tx);
                changes = tx.changes();
                ticket = changes.isEmpty() ? -1 : journal.append(changes);
            } catch (ConfigException | RuntimeException e) {
                tx.rollback();
                throw e;
            }
            if (!changes.isEmpty()) {
                for (ChangeListener l : listeners) {
                    l.committed(changes, origin);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        if (ticket >= 0) {
            journal.awaitDurable(ticket);
        }
        return result;
    }

    /**
     * Loads one stored item at mount, before anything else runs: no rules, no journal. Used by
     * the store to rebuild the model.
     */
    public void load(Menu menu, int id, Object[] row) {
        lock.writeLock().lock();
        try {
            table(menu).put(id, row);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets a stored item at mount (a later record removed it). */
    public void unload(Menu menu, int id) {
        lock.writeLock().lock();
        try {
            table(menu).remove(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Empties every menu back to its defaults, without journalling (the store is wiped separately). */
    public void clearAll() {
        lock.writeLock().lock();
        try {
            tables.values().forEach(ItemTable::clear);
            resetSingletons();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs {@code body} with writers held off, e.g. to write a consistent checkpoint. */
    public void readLocked(Runnable body) {
        lock.readLock().lock();
        try {
            body.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A view of one item for computed properties and print; call with the lock held. */
    public ItemView view(Menu menu, int id, Object[] row) {
        return new RowView(menu, id, row);
    }

    /** True when nothing has been stored yet (first boot or after a reset). */
    public boolean isFactoryBlank() {
        return read(() -> {
            for (ItemTable t : tables.values()) {
                if (t.menu().kind() == Menu.Kind.LIST && t.size() > 0) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public int idByName(Menu menu, String name) {
        Property p = menu.nameProperty();
        if (p == null || !tables.containsKey(menu)) {
            return -1;
        }
        Object key = name;
        if (p.type() != null && !(p.type() instanceof TextType)) {
            try {
                key = p.type().parse(name, p.name(), this);
            } catch (ConfigException e) {
                return -1;
            }
        }
        return table(menu).find(p, key);
    }

    @Override
    public String nameById(Menu menu, int id) {
        Property p = menu.nameProperty();
        if (p == null || !tables.containsKey(menu)) {
            return null;
        }
        Object[] row = table(menu).get(id);
        return row == null ? null : p.type().format(row[p.index()], this);
    }

    @Override
    public List<String> names(Menu menu) {
        Property p = menu.nameProperty();
        List<String> out = new ArrayList<>();
        if (p == null || !tables.containsKey(menu)) {
            return out;
        }
        for (var it = table(menu).iterator(); it.hasNext() && out.size() < 1000; ) {
            out.add(p.type().format(it.next().getValue()[p.index()], this));
        }
        return out;
    }

    private final class RowView implements ItemView {
        private final Menu menu;
        private final int id;
        private final Object[] row;

        RowView(Menu menu, int id, Object[] row) {
            this.menu = menu;
            this.id = id;
            this.row = row;
        }

        @Override public Menu menu() { return menu; }
        @Override public int id() { return id; }
        @Override public Object[] row() { return row; }
        @Override public long now() { return ConfigModel.this.now(); }

        @Override
        public Object get(Property p) {
            return p.isComputed() ? p.computer().compute(this) : row[p.index()];
        }
    }
}
