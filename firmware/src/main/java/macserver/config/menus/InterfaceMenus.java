package macserver.config.menus;

import java.util.List;
import java.util.Objects;
import macserver.config.BoolType;
import macserver.config.ConfigException;
import macserver.config.MacAddressType;
import macserver.config.Menu;
import macserver.config.MenuRules;
import macserver.config.Property;
import macserver.config.ReferenceType;
import macserver.config.Schema;
import macserver.config.Slot;
import macserver.config.TextType;
import macserver.config.Transaction;

import static macserver.config.Property.Flag.READ_ONLY;
import static macserver.config.Property.Flag.REQUIRED;
import static macserver.config.Property.Flag.UNIQUE;

/** {@code /interface}, {@code /interface list} and {@code /interface list member}. */
public final class InterfaceMenus {
    /** Built-in lists, made first at factory reset so their ids are fixed. */
    public static final int LIST_ALL_ID = 1;
    public static final int LIST_NONE_ID = 2;
    static final List<String> BUILTIN_LISTS = List.of("all", "none");

    private static final Slot<Boolean> RUNNING = Slot.of("running", Boolean.class);
    static final Slot<String> LIST_NAME = Slot.of("name", String.class);

    private InterfaceMenus() {
    }

    static void register(Schema s, LiveStatus live) {
        Menu interfaces = s.add(Menu.builder(Menu.Kind.LIVE, "interface")
                .nameProperty(Property.of("name", new TextType(64, true), null, READ_ONLY))
                .property(Property.of("type", new TextType(32, false), null, READ_ONLY))
                .property(Property.of("mac-address", MacAddressType.INSTANCE, null, READ_ONLY))
                .property(Property.of("mtu", new macserver.config.IntType(0, 65535), null, READ_ONLY))
                .property(Property.of("running", BoolType.INSTANCE, null, READ_ONLY))
                .columns("name", "type", "mtu", "mac-address")
                .flag('R', "running", v -> RUNNING.isTrue(v.row()))
                .live(() -> live.system().interfaces())
                .build());
        Slot.bind(interfaces, RUNNING);
        Menu lists = s.add(Menu.builder(Menu.Kind.LIST, "interface list")
                .code(MenuCodes.INTERFACE_LIST)
                .nameProperty(Property.of("name", new TextType(64, true), null, REQUIRED, UNIQUE))
                .property(Property.of("comment", new TextType(255, false), null))
                .columns("name")
                .flag('*', "builtin", v -> BUILTIN_LISTS.contains(LIST_NAME.get(v.row())))
                .builtin(row -> BUILTIN_LISTS.contains(LIST_NAME.get(row)))
                .rules(new MenuRules() {
                    @Override
                    public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
                        if (before != null && BUILTIN_LISTS.contains(LIST_NAME.get(before))
                                && !Objects.equals(LIST_NAME.get(before), LIST_NAME.get(after))) {
                            throw new ConfigException("failure: can not rename built-in list");
                        }
                    }
                })
                .build());
        Slot.bind(lists, LIST_NAME);
        Menu members = s.add(Menu.builder(Menu.Kind.LIST, "interface list member")
                .code(MenuCodes.INTERFACE_LIST_MEMBER)
                .property(Property.of("list", new ReferenceType(() -> lists), null, REQUIRED))
                .property(Property.of("interface", new TextType(64, true), null, REQUIRED))
                .property(Property.of("disabled", BoolType.INSTANCE, false))
                .property(Property.of("comment", new TextType(255, false), null))
                .columns("list", "interface")
                .flag('X', "disabled", v -> MemberRow.disabled(v.row()))
                .rules(new MenuRules() {
                    @Override
                    public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
                        int list = MemberRow.list(after);
                        if (list == LIST_ALL_ID || list == LIST_NONE_ID) {
                            throw new ConfigException("failure: can not add members to built-in list");
                        }
                        for (var it = tx.model().table(menu).iterator(); it.hasNext(); ) {
                            var e = it.next();
                            if (e.getKey() != id && MemberRow.list(e.getValue()) == list
                                    && MemberRow.interfaceName(e.getValue()).equals(MemberRow.interfaceName(after))) {
                                throw new ConfigException("failure: already have such entry");
                            }
                        }
                    }
                })
                .build());
        MemberRow.bind(members);
    }

    /** Rows of {@code /interface list member}. */
    public static final class MemberRow {
        public static final Slot<Integer> LIST = Slot.of("list", Integer.class);
        public static final Slot<String> INTERFACE = Slot.of("interface", String.class);
        public static final Slot<Boolean> DISABLED = Slot.of("disabled", Boolean.class);

        private MemberRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, LIST, INTERFACE, DISABLED);
        }

        /** The id of its list in {@code /interface list}. */
        public static int list(Object[] row) { return LIST.get(row); }
        /** The interface's name (it need not exist). */
        public static String interfaceName(Object[] row) { return INTERFACE.get(row); }
        public static boolean disabled(Object[] row) { return DISABLED.isTrue(row); }
    }
}
