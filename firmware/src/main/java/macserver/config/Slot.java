package macserver.config;

/**
 * A typed handle on one stored property of one menu, for code that reads rows: declared once, as a
 * constant next to the menu's definition, and bound to the property's place in the row when the
 * menu is built ({@link #bind}). Readers then call {@link #get} (or an accessor of the menu built on
 * it) instead of looking the property up by name and casting what sits at its index.
 *
 * <p>A menu's properties keep the order its definition gives them, so every build of the schema (a
 * model, each test's model) binds the same index; a build that would move it fails at once instead
 * of letting readers take a neighbour's value. Binding happens while the schema is built, before a
 * model over it exists, so any row a reader holds came after it.
 */
public final class Slot<T> {
    private final String name;
    private final Class<T> type;
    private int index = -1;

    private Slot(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    /** The stored property {@code name}, whose values are of {@code type} (or null). */
    public static <T> Slot<T> of(String name, Class<T> type) {
        return new Slot<>(name, type);
    }

    /** The stored property {@code name}, whose values are lists of names (a choice list, an address list). */
    @SuppressWarnings("unchecked")
    public static Slot<java.util.List<String>> strings(String name) {
        return new Slot<>(name, (Class<java.util.List<String>>) (Class<?>) java.util.List.class);
    }

    /** Binds each slot to the stored property of the same name in {@code menu}, just built. */
    public static void bind(Menu menu, Slot<?>... slots) {
        for (Slot<?> s : slots) {
            s.bindTo(menu);
        }
    }

    private synchronized void bindTo(Menu menu) {
        Property p = menu.property(name);
        if (p == null || !p.isStored()) {
            throw new IllegalStateException(menu.spacedPath() + " has no stored property " + name);
        }
        if (index >= 0 && index != p.index()) {
            throw new IllegalStateException(menu.spacedPath() + " " + name + " moved from index " + index
                    + " to " + p.index());
        }
        index = p.index();
    }

    public String name() {
        return name;
    }

    /** The class of its values. */
    public Class<T> type() {
        return type;
    }

    /** Its index in the menu's rows; -1 before the menu was built. */
    public int index() {
        return index;
    }

    /** The value in {@code row}, or null. */
    public T get(Object[] row) {
        return type.cast(row[index]);
    }

    /** Puts {@code value} into {@code row} (a row being made or a clone, never one the model holds). */
    public void set(Object[] row, T value) {
        row[index] = value;
    }

    /** Whether the value in {@code row} is {@code true} (a null or missing flag is false). */
    public boolean isTrue(Object[] row) {
        return Boolean.TRUE.equals(row[index]);
    }

    /** Whether the two rows hold different values here (for change listeners; either may hold null). */
    public boolean differs(Object[] a, Object[] b) {
        return !java.util.Objects.equals(a[index], b[index]);
    }

    /** The property itself in {@code menu}, to write it. */
    public Property in(Menu menu) {
        return menu.property(name);
    }

    /** The value in {@code row} as print shows it (a reference as the name it points at). */
    public String format(Menu menu, Object[] row, References refs) {
        return in(menu).type().format(row[index], refs);
    }

    @Override
    public String toString() {
        return name + "@" + index;
    }
}
