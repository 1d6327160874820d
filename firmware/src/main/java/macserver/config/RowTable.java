package macserver.config;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The items of one menu as rows of objects: rows by id, in id order, with an index for every unique property so that
 * lookups by name or MAC stay O(1) however many items there are.
 */
public final class RowTable implements ItemTable {
    private final Menu menu;
    private final TreeMap<Integer, Object[]> rows = new TreeMap<>();
    private final Map<Integer, Map<Object, Integer>> uniqueIndexes = new HashMap<>();
    private int nextId = 1;

    public RowTable(Menu menu) {
        this.menu = menu;
        for (Property p : menu.properties()) {
            if (p.has(Property.Flag.UNIQUE) && p.isStored()) {
                uniqueIndexes.put(p.index(), new HashMap<>());
            }
        }
    }

    @Override
    public Menu menu() {
        return menu;
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public Object[] get(int id) {
        return rows.get(id);
    }

    /** Ids in ascending order (the order items were added). */
    @Override
    public Iterable<Integer> ids() {
        return rows.keySet();
    }

    @Override
    public int nextId(int from) {
        Integer id = rows.ceilingKey(from);
        return id == null ? -1 : id;
    }

    @Override
    public Iterator<Map.Entry<Integer, Object[]>> iterator() {
        return rows.entrySet().iterator();
    }

    /** The id of the item whose unique property {@code p} equals {@code value}, or -1. */
    @Override
    public int find(Property p, Object value) {
        Map<Object, Integer> index = uniqueIndexes.get(p.index());
        if (index == null) {
            throw new IllegalArgumentException(p + " is not indexed");
        }
        Integer id = index.get(value);
        return id == null ? -1 : id;
    }

    @Override
    public int allocateId() {
        return nextId++;
    }

    /** Inserts or replaces a row. Callers check uniqueness first. */
    @Override
    public void put(int id, Object[] row) {
        Object[] old = rows.put(id, row);
        for (Map.Entry<Integer, Map<Object, Integer>> e : uniqueIndexes.entrySet()) {
            int i = e.getKey();
            if (old != null && old[i] != null) {
                e.getValue().remove(old[i], id);
            }
            if (row[i] != null) {
                e.getValue().put(row[i], id);
            }
        }
        if (id >= nextId) {
            nextId = id + 1;
        }
    }

    @Override
    public void remove(int id) {
        Object[] old = rows.remove(id);
        if (old == null) {
            return;
        }
        for (Map.Entry<Integer, Map<Object, Integer>> e : uniqueIndexes.entrySet()) {
            Object v = old[e.getKey()];
            if (v != null) {
                e.getValue().remove(v, id);
            }
        }
    }

    @Override
    public void clear() {
        rows.clear();
        uniqueIndexes.values().forEach(Map::clear);
        nextId = 1;
    }
}
