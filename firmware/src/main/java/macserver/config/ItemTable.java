package macserver.config;

import java.util.Iterator;
import java.util.Map;

/**
 * The items of one LIST or SINGLETON menu, in id order, with O(1) lookup by every unique
 * property. Rows handed out are copies or immutable; callers never change them in place.
 * Most menus use {@link RowTable}; a menu with a million items brings a compact one of its own.
 */
public interface ItemTable {
    Menu menu();

    int size();

    /** The row of item {@code id}, or null. */
    Object[] get(int id);

    /** Ids in ascending order (the order items were added). */
    Iterable<Integer> ids();

    Iterator<Map.Entry<Integer, Object[]>> iterator();

    /** The smallest id of an item that is {@code from} or above, or -1: where a listing in slices goes on. */
    int nextId(int from);

    /** The id of the item whose unique property {@code p} equals {@code value}, or -1. */
    int find(Property p, Object value);

    int allocateId();

    /** Inserts or replaces a row. Callers check uniqueness first. */
    void put(int id, Object[] row);

    void remove(int id);

    void clear();
}
