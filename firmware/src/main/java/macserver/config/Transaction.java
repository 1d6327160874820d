package macserver.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes of one command, applied to the model as they are made and undone as a whole if
 * anything fails. Only {@link ConfigModel#write} creates one, under the model's write lock.
 */
public final class Transaction {
    /** Passed as a value to {@link #set}: return the property to its default. */
    public static final Object UNSET = new Object() {
        @Override public String toString() { return "UNSET"; }
    };

    private record Undo(ItemTable table, int id, Object[] before) {}

    private final ConfigModel model;
    private final Origin origin;
    private final long now;
    private final List<Undo> undo = new ArrayList<>();
    private final List<Change> raw = new ArrayList<>();

    Transaction(ConfigModel model, Origin origin, long now) {
        this.model = model;
        this.origin = origin;
        this.now = now;
    }

    public ConfigModel model() { return model; }
    public Origin origin() { return origin; }
    /** Seconds since the epoch when the transaction began. */
    public long now() { return now; }

    /** Adds an item; returns its id. */
    public int add(Menu menu, Map<Property, Object> values) throws ConfigException {
        ItemTable table = model.table(menu);
        if (menu.kind() != Menu.Kind.LIST) {
            throw new ConfigException("bad command name add");
        }
        Object[] row = menu.defaultRow();
        apply(row, values);
        checkRequired(menu, row);
        checkName(menu, null, row);
        int id = table.allocateId();
        checkUnique(table, id, row);
        record(table, id, null, row);
        menu.rules().afterWrite(this, menu, id, null, row);
        return id;
    }

    /** Changes an item; a value of {@link #UNSET} returns that property to its default. */
    public void set(Menu menu, int id, Map<Property, Object> values) throws ConfigException {
        ItemTable table = model.table(menu);
        Object[] before = table.get(id);
        if (before == null) {
            throw new ConfigException("no such item");
        }
        Object[] after = before.clone();
        apply(after, values);
        if (java.util.Arrays.deepEquals(before, after)) {
            return;
        }
        checkRequired(menu, after);
        checkName(menu, before, after);
        checkUnique(table, id, after);
        record(table, id, before, after);
        menu.rules().afterWrite(this, menu, id, before, after);
    }

    /** Writes a row as it is, for the system's own bookkeeping (no rules run). */
    public void setRow(Menu menu, int id, Object[] row) {
        ItemTable table = model.table(menu);
        record(table, id, table.get(id), row);
    }

    public void remove(Menu menu, int id) throws ConfigException {
        ItemTable table = model.table(menu);
        Object[] row = table.get(id);
        if (row == null) {
            throw new ConfigException("no such item");
        }
        if (menu.isBuiltin(row)) {
            throw new ConfigException("failure: can not remove built-in item");
        }
        menu.rules().beforeRemove(this, menu, id, row);
        record(table, id, row, null);
    }

    private void apply(Object[] row, Map<Property, Object> values) {
        for (Map.Entry<Property, Object> e : values.entrySet()) {
            Property p = e.getKey();
            if (!p.isStored()) {
                throw new IllegalArgumentException(p + " is computed");
            }
            row[p.index()] = e.getValue() == UNSET ? p.defaultValue() : e.getValue();
        }
    }

    private static void checkRequired(Menu menu, Object[] row) throws ConfigException {
        for (Property p : menu.properties()) {
            if (p.has(Property.Flag.REQUIRED) && row[p.index()] == null) {
                throw new ConfigException("failure: " + p.name() + " must be set");
            }
        }
    }

    /**
     * A new name must not read as what else names an item: an id ({@code *1}), a number from the
     * last print ({@code 0}), or a command ({@code [find]}); such an item would be mistaken for
     * another, or could not be named at all. Names stored before this rule stay usable.
     */
    private static void checkName(Menu menu, Object[] before, Object[] after) throws ConfigException {
        Property p = menu.nameProperty();
        if (p == null || !(p.type() instanceof TextType) || !(after[p.index()] instanceof String name)
                || (before != null && name.equals(before[p.index()]))) {
            return;
        }
        boolean number = !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
        if (number || name.startsWith("*") || name.indexOf('[') >= 0 || name.indexOf(']') >= 0) {
            throw new ConfigException("invalid value for argument " + p.name()
                    + " (a name must not read as an item id, number or command)");
        }
    }

    private static void checkUnique(ItemTable table, int id, Object[] row) throws ConfigException {
        for (Property p : table.menu().properties()) {
            if (p.has(Property.Flag.UNIQUE) && p.isStored() && row[p.index()] != null) {
                int other = table.find(p, row[p.index()]);
                if (other >= 0 && other != id) {
                    String what = p == table.menu().nameProperty() && p.name().equals("name") ? "name" : "entry";
                    throw new ConfigException("failure: already have such " + what);
                }
            }
        }
    }

    private void record(ItemTable table, int id, Object[] before, Object[] after) {
        undo.add(new Undo(table, id, before));
        raw.add(new Change(table.menu(), id, before, after));
        if (after == null) {
            table.remove(id);
        } else {
            table.put(id, after);
        }
    }

    void rollback() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            Undo u = undo.get(i);
            if (u.before() == null) {
                u.table().remove(u.id());
            } else {
                u.table().put(u.id(), u.before());
            }
        }
        undo.clear();
        raw.clear();
    }

    /** One change per item: first before, last after; an item added and removed again vanishes. */
    List<Change> changes() {
        Map<String, Change> merged = new LinkedHashMap<>();
        for (Change c : raw) {
            String key = c.menu().code() + "/" + c.menu().spacedPath() + "/" + c.id();
            Change prev = merged.get(key);
            merged.put(key, prev == null ? c : new Change(c.menu(), c.id(), prev.before(), c.after()));
        }
        List<Change> out = new ArrayList<>(merged.size());
        for (Change c : merged.values()) {
            if (c.before() == null && c.after() == null) {
                continue;
            }
            if (c.before() != null && c.after() != null && java.util.Arrays.deepEquals(c.before(), c.after())) {
                continue;
            }
            out.add(c);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Transaction[" + Objects.toString(origin) + ", " + raw.size() + " changes]";
    }
}
