package macserver.config.menus;

import macserver.config.BoolType;
import macserver.config.ChoiceType;
import macserver.config.ConfigException;
import macserver.config.DurationType;
import macserver.config.IntType;
import macserver.config.MacAddressType;
import macserver.config.Menu;
import macserver.config.MenuRules;
import macserver.config.Origin;
import macserver.config.Property;
import macserver.config.Schema;
import macserver.config.Slot;
import macserver.config.TextType;
import macserver.config.Transaction;

import static macserver.config.Property.Flag.READ_ONLY;
import static macserver.config.Property.Flag.REQUIRED;
import static macserver.config.Property.Flag.UNIQUE;

/**
 * {@code /ip mac-server fleet}: what this router holds of its fleet group's bindings, one entry per
 * MAC, with the fleet timestamp and publisher that last-writer-wins compares, and whether the
 * binding is applied here. Kept on flash so that a reboot keeps both the bindings and the
 * timestamps. Only the fleet writes it (a reset empties it); every entry is dynamic, so export
 * leaves it out. A hidden singleton keeps when the router last knew itself in sync with the broker.
 */
public final class FleetMenus {
    /** Who changes the fleet entries and the dynamic bindings made from them. */
    public static final Origin ORIGIN = new Origin("fleet", null);

    /** What became of an entry here ({@code state}). */
    public static final String APPLIED = "applied", SHADOWED = "shadowed", NO_SERVER = "no-server",
            REMOVED = "removed", DELETED = "deleted";

    /** When the router last knew itself in sync with the broker ({@code ip mac-server fleet sync}), in milliseconds. */
    public static final Slot<Long> LAST_SYNC = Slot.of("last-sync", Long.class);

    private FleetMenus() {
    }

    static void register(Schema s, LiveStatus live) {
        Menu fleet = s.add(Menu.builder(Menu.Kind.LIST, "ip mac-server fleet")
                .code(MenuCodes.MAC_SERVER_FLEET)
                .nameProperty(Property.of("mac-address", MacAddressType.INSTANCE, null, REQUIRED, UNIQUE, READ_ONLY))
                .property(Property.of("mac-server", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("action", new ChoiceType("allow", "deny"), "allow", READ_ONLY))
                .property(Property.of("comment", new TextType(255, false), null, READ_ONLY))
                .property(Property.of("timestamp", new IntType(0, Long.MAX_VALUE), null, READ_ONLY))
                .property(Property.of("publisher", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("state", new ChoiceType(APPLIED, SHADOWED, NO_SERVER, REMOVED, DELETED), null, READ_ONLY))
                .property(Property.of("dynamic", BoolType.INSTANCE, true, READ_ONLY))
                .columns("mac-address", "mac-server", "action", "state", "publisher")
                .flag('D', "dynamic", v -> true)
                .rules(new FleetOnly())
                .build());
        FleetRow.bind(fleet);
        Slot.bind(s.add(Menu.builder(Menu.Kind.SINGLETON, "ip mac-server fleet sync")
                .code(MenuCodes.MAC_SERVER_FLEET_SYNC)
                .hidden()
                .property(Property.of("last-sync", new IntType(0, Long.MAX_VALUE), 0L, Property.Flag.HIDDEN))
                .build()), LAST_SYNC);
        TextType text = new TextType(255, false);
        IntType count = new IntType(0, Long.MAX_VALUE);
        DurationType ago = new DurationType(Long.MAX_VALUE);
        Menu.Builder status = Menu.builder(Menu.Kind.LIVE, "ip mac-server fleet status").singleValue()
                .property(Property.of("group", text, null, READ_ONLY));
        for (String name : new String[] {"entries", APPLIED, SHADOWED, NO_SERVER, REMOVED, DELETED, "received",
            "ignored", "stale", "unsent"}) {
            status.property(Property.of(name, count, null, READ_ONLY));
        }
        s.add(status.property(Property.of("last-message-ago", ago, null, READ_ONLY))
                .property(Property.of("last-sync-ago", ago, null, READ_ONLY))
                .live(() -> live.fleet().status())
                .build());
    }

    /** Entries follow the broker: a local command cannot make or remove one (unpublish instead). */
    private static final class FleetOnly implements MenuRules {
        @Override
        public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
            check(tx);
        }

        @Override
        public void beforeRemove(Transaction tx, Menu menu, int id, Object[] row) throws ConfigException {
            check(tx);
        }

        private static void check(Transaction tx) throws ConfigException {
            if (!ORIGIN.equals(tx.origin())) {
                throw new ConfigException("failure: fleet entries change only through the fleet (use fleet publish or unpublish)");
            }
        }
    }

    /** Rows of {@code /ip mac-server fleet}. */
    public static final class FleetRow {
        public static final Slot<Long> MAC_ADDRESS = Slot.of("mac-address", Long.class);
        public static final Slot<String> MAC_SERVER = Slot.of("mac-server", String.class);
        public static final Slot<String> ACTION = Slot.of("action", String.class);
        public static final Slot<String> COMMENT = Slot.of("comment", String.class);
        public static final Slot<Long> TIMESTAMP = Slot.of("timestamp", Long.class);
        public static final Slot<String> PUBLISHER = Slot.of("publisher", String.class);
        public static final Slot<String> STATE = Slot.of("state", String.class);

        private FleetRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, MAC_ADDRESS, MAC_SERVER, ACTION, COMMENT, TIMESTAMP, PUBLISHER, STATE);
        }

        /** The MAC, 48 bits in a long. */
        public static long macAddress(Object[] row) { return MAC_ADDRESS.get(row); }
        /** The server's name (it may not exist here). */
        public static String macServer(Object[] row) { return MAC_SERVER.get(row); }
        /** {@code allow} or {@code deny}. */
        public static String action(Object[] row) { return ACTION.get(row); }
        public static String comment(Object[] row) { return COMMENT.get(row); }
        /** The fleet timestamp last-writer-wins compares. */
        public static long timestamp(Object[] row) { return TIMESTAMP.get(row); }
        /** The router that published this version. */
        public static String publisher(Object[] row) { return PUBLISHER.get(row); }
        /** One of {@link FleetMenus#APPLIED}, {@code SHADOWED}, {@code NO_SERVER}, {@code REMOVED}, {@code DELETED}. */
        public static String state(Object[] row) { return STATE.get(row); }
    }
}
