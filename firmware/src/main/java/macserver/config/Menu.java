package macserver.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One menu of the configuration tree ({@code /ip mac-server binding}): its properties, what kind
 * of menu it is, and how print shows it. Built once by {@link Schema}; its items live in the model.
 */
public final class Menu {

    public enum Kind {
        /** Only a place in the tree ({@code /ip}); no items. */
        DIRECTORY,
        /** A list of items with ids ({@code /ip mac-server}). */
        LIST,
        /** Exactly one item, changed with set ({@code /system identity}). */
        SINGLETON,
        /** A read-only list supplied by the running system ({@code /interface}). */
        LIVE
    }

    /** Ends a live item (a session); null for live menus whose items cannot be removed. */
    @FunctionalInterface
    public interface LiveRemover {
        void remove(int id) throws ConfigException;
    }

    /**
     * What {@code monitor} shows for one item: names and values in display order (RouterOS's
     * {@code /radius monitor}); null for menus without a monitor.
     */
    @FunctionalInterface
    public interface Monitor {
        java.util.SequencedMap<String, String> values(int id);
    }

    /** One letter of the flags column: {@code X} disabled, {@code D} dynamic, {@code *} default. */
    public record Flag(char letter, String word, Predicate<ItemView> test) {}

    private final List<String> path;
    private final Kind kind;
    private final int code;
    private final List<Property> properties;
    private final Map<String, Property> byName = new LinkedHashMap<>();
    private final Property nameProperty;
    private final List<String> columns;
    private final List<Flag> flags;
    private final MenuRules rules;
    private final Predicate<Object[]> builtin;
    private final Supplier<List<Object[]>> live;
    private final LiveRemover liveRemover;
    private final Monitor monitor;
    private final boolean singleValue;
    private final boolean hidden;
    private final java.util.function.Function<Menu, ItemTable> tableFactory;
    private final List<Menu> children = new ArrayList<>();
    private Menu parent;
    private int storedCount;

    private Menu(Builder b) {
        this.path = List.copyOf(b.path);
        this.kind = b.kind;
        this.code = b.code;
        this.properties = List.copyOf(b.properties);
        this.nameProperty = b.nameProperty;
        this.columns = List.copyOf(b.columns);
        this.flags = List.copyOf(b.flags);
        this.rules = b.rules;
        this.builtin = b.builtin;
        this.live = b.live;
        this.liveRemover = b.liveRemover;
        this.monitor = b.monitor;
        this.singleValue = b.singleValue || kind == Kind.SINGLETON;
        this.tableFactory = b.tableFactory;
        this.hidden = b.hidden;
        for (Property p : properties) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("duplicate property " + p.name());
            }
            if (p.isStored()) {
                p.assignIndex(storedCount++);
            }
        }
    }

    public static Builder builder(Kind kind, String path) {
        return new Builder(kind, path);
    }

    public List<String> path() { return path; }
    public Kind kind() { return kind; }
    /** Prefix of this menu's keys on flash; 0 for menus that are not stored. */
    public int code() { return code; }
    public List<Property> properties() { return properties; }
    public Property property(String name) { return byName.get(name); }
    /** The property items are referred to by (name, or mac-address for bindings); may be null. */
    public Property nameProperty() { return nameProperty; }
    public List<String> columns() { return columns; }
    public List<Flag> flags() { return flags; }
    public MenuRules rules() { return rules; }
    public boolean isBuiltin(Object[] row) { return builtin.test(row); }
    /** Rows of a LIVE menu: the stored properties in index order, then the item id (an Integer). */
    public List<Object[]> liveRows() { return live.get(); }
    public LiveRemover liveRemover() { return liveRemover; }
    public Monitor monitor() { return monitor; }
    /** Printed as {@code name: value} lines rather than a table. */
    public boolean isSingleValue() { return singleValue; }
    /** Kept for the system's own use: not reachable from the CLI, not exported. */
    public boolean isHidden() { return hidden; }
    /** A new, empty table for this menu's items. */
    public ItemTable newTable() { return tableFactory.apply(this); }
    public List<Menu> children() { return Collections.unmodifiableList(children); }
    public Menu parent() { return parent; }
    public int storedCount() { return storedCount; }
    public boolean hasItems() { return kind != Kind.DIRECTORY; }
    public boolean isStored() { return code != 0; }

    /** {@code /ip/mac-server/binding}, the v7 spelling used in prompts. */
    public String slashPath() {
        return "/" + String.join("/", path);
    }

    /** {@code /ip mac-server binding}, the spelling used in export. */
    public String spacedPath() {
        return "/" + String.join(" ", path);
    }

    void addChild(Menu child) {
        children.add(child);
        child.parent = this;
    }

    /** A row of defaults for a new item. */
    public Object[] defaultRow() {
        Object[] row = new Object[storedCount];
        for (Property p : properties) {
            if (p.isStored()) {
                row[p.index()] = p.defaultValue();
            }
        }
        return row;
    }

    @Override
    public String toString() {
        return spacedPath();
    }

    public static final class Builder {
        private final Kind kind;
        private final List<String> path;
        private int code;
        private final List<Property> properties = new ArrayList<>();
        private Property nameProperty;
        private final List<String> columns = new ArrayList<>();
        private final List<Flag> flags = new ArrayList<>();
        private MenuRules rules = MenuRules.NONE;
        private Predicate<Object[]> builtin = row -> false;
        private Supplier<List<Object[]>> live = List::of;
        private LiveRemover liveRemover;
        private Monitor monitor;
        private boolean singleValue;
        private boolean hidden;
        private java.util.function.Function<Menu, ItemTable> tableFactory = RowTable::new;

        private Builder(Kind kind, String path) {
            this.kind = kind;
            this.path = path.isBlank() ? List.of() : List.of(path.trim().split(" +"));
        }

        public Builder code(int code) {
            if (code < 0 || code > 0x7FFF) {
                throw new IllegalArgumentException("menu code " + code + " is out of range: store keys must stay positive");
            }
            this.code = code;
            return this;
        }
        public Builder property(Property p) { properties.add(p); return this; }
        public Builder nameProperty(Property p) { properties.add(p); nameProperty = p; return this; }
        public Builder columns(String... names) { columns.addAll(List.of(names)); return this; }
        public Builder flag(char letter, String word, Predicate<ItemView> test) { flags.add(new Flag(letter, word, test)); return this; }
        public Builder rules(MenuRules r) { rules = r; return this; }
        public Builder builtin(Predicate<Object[]> b) { builtin = b; return this; }
        public Builder live(Supplier<List<Object[]>> l) { live = l; return this; }
        public Builder liveRemover(LiveRemover r) { liveRemover = r; return this; }
        public Builder monitor(Monitor m) { monitor = m; return this; }
        public Builder singleValue() { singleValue = true; return this; }
        public Builder hidden() { hidden = true; return this; }
        public Builder table(java.util.function.Function<Menu, ItemTable> f) { tableFactory = f; return this; }

        public Menu build() {
            return new Menu(this);
        }
    }
}
