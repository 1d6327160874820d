package macserver.config;

import java.util.EnumSet;
import java.util.Set;

/**
 * One property of a menu: its name, type, default and how it may be used. Stored properties hold
 * their value in the item's row at {@link #index()}; computed ones are worked out on each read.
 */
public final class Property {

    public enum Flag {
        /** Must be given on add. */
        REQUIRED,
        /** Two items of the menu may not share a value. */
        UNIQUE,
        /** Status: shown by print, never set by a command. */
        READ_ONLY,
        /** Set by commands, never shown (passwords). */
        WRITE_ONLY,
        /** Kept by the system only: never set, shown or exported (password verifiers). */
        HIDDEN
    }

    private final String name;
    private final ValueType type;
    private final Object defaultValue;
    private final Set<Flag> flags;
    private final Computed computed;
    private int index = -1;

    /** A value worked out from the item when it is read (status such as counters or hashes). */
    @FunctionalInterface
    public interface Computed {
        /** The value, or null when it has none. */
        Object compute(ItemView item);
    }

    private Property(String name, ValueType type, Object defaultValue, Set<Flag> flags, Computed computed) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.flags = flags;
        this.computed = computed;
    }

    public static Property of(String name, ValueType type, Object defaultValue, Flag... flags) {
        Set<Flag> set = EnumSet.noneOf(Flag.class);
        set.addAll(java.util.List.of(flags));
        return new Property(name, type, defaultValue, set, null);
    }

    public static Property computed(String name, ValueType type, Computed computed) {
        return new Property(name, type, null, EnumSet.of(Flag.READ_ONLY), computed);
    }

    public String name() { return name; }
    public ValueType type() { return type; }
    public Object defaultValue() { return defaultValue; }
    public boolean has(Flag flag) { return flags.contains(flag); }
    public boolean isComputed() { return computed != null; }
    public Computed computer() { return computed; }
    public int index() { return index; }

    /** Stored properties get a slot in the row; computed ones have none. */
    public boolean isStored() {
        return computed == null;
    }

    /** Users may set it with add/set. */
    public boolean isSettable() {
        return !has(Flag.READ_ONLY) && !has(Flag.HIDDEN);
    }

    /** print and get may show it. */
    public boolean isShown() {
        return !has(Flag.WRITE_ONLY) && !has(Flag.HIDDEN);
    }

    void assignIndex(int i) {
        if (index >= 0) {
            throw new IllegalStateException("property " + name + " used in two menus");
        }
        index = i;
    }

    @Override
    public String toString() {
        return name;
    }
}
