package macserver.config.menus;

import java.util.List;
import java.util.Map;
import macserver.config.BoolType;
import macserver.config.ChoiceListType;
import macserver.config.ChoiceType;
import macserver.config.ConfigException;
import macserver.config.DurationType;
import macserver.config.IntType;
import macserver.config.ItemHash;
import macserver.config.MacAddressType;
import macserver.config.Menu;
import macserver.config.MenuRules;
import macserver.config.PolicyGuard;
import macserver.config.Property;
import macserver.config.ReferenceType;
import macserver.config.Schema;
import macserver.config.Slot;
import macserver.config.TextType;
import macserver.config.Transaction;

import static macserver.config.Property.Flag.HIDDEN;
import static macserver.config.Property.Flag.READ_ONLY;
import static macserver.config.Property.Flag.REQUIRED;
import static macserver.config.Property.Flag.UNIQUE;

/**
 * The seed's menus, {@code /ip mac-server} (named server instances) and {@code /ip mac-server
 * binding} (MAC to server), plus RouterOS's own {@code /tool mac-server} menus on the same engine.
 */
public final class MacServerMenus {
    private static final long DAY = 86400;

    private MacServerMenus() {
    }

    static void register(Schema s, LiveStatus live) {
        Menu lists = s.menu("interface list");
        Menu servers = s.add(Menu.builder(Menu.Kind.LIST, "ip mac-server")
                .code(MenuCodes.MAC_SERVER)
                .nameProperty(Property.of("name", new TextType(64, true), null, REQUIRED, UNIQUE))
                .property(Property.of("default", BoolType.INSTANCE, false))
                .property(Property.of("disabled", BoolType.INSTANCE, false))
                .property(Property.of("comment", new TextType(255, false), null))
                .property(Property.of("allowed-interface-list", new ReferenceType(() -> lists), InterfaceMenus.LIST_ALL_ID))
                .property(Property.of("mac-telnet", BoolType.INSTANCE, true))
                .property(Property.of("mac-ping", BoolType.INSTANCE, true))
                .property(Property.of("authentication", new ChoiceListType("local", "radius"), List.of("local")))
                // Up to the protocol layer's own cap on the biggest heaps (MacServerConfig.forHeap).
                .property(Property.of("max-sessions", new IntType(1, 16_384), 20L))
                .property(Property.of("idle-timeout", new DurationType(DAY), 600L))
                .property(Property.of("login-retry", new IntType(0, 100), 5L))
                .property(Property.of("lockout-time", new DurationType(DAY), 300L))
                .property(Property.of("nft-table", NftNameType.INSTANCE, null))
                .property(Property.of("nft-allow-set", NftNameType.INSTANCE, null))
                .property(Property.of("nft-deny-set", NftNameType.INSTANCE, null))
                .property(Property.computed("hash", new TextType(64, false),
                        v -> ItemHash.of(v, macserver.config.References.NONE)))
                .property(Property.computed("sessions", new IntType(0, Long.MAX_VALUE),
                        v -> live.macServer().sessionCount(v.id())))
                .property(Property.computed("packets", new IntType(0, Long.MAX_VALUE),
                        v -> live.macServer().packets(v.id())))
                .property(Property.computed("drops", new IntType(0, Long.MAX_VALUE),
                        v -> live.macServer().drops(v.id())))
                .property(Property.computed("nft-status", new TextType(255, false),
                        v -> live.nft().status(v.id())))
                .property(Property.computed("nft-last-error", new TextType(255, false),
                        v -> live.nft().lastError(v.id())))
                .property(Property.of("radius-mac-auth", BoolType.INSTANCE, false))
                .property(Property.of("radius-mac-format",
                        new ChoiceType(macserver.radius.MacFormat.patterns().toArray(String[]::new)),
                        macserver.radius.MacFormat.COLONS.pattern()))
                .property(Property.of("radius-fallback", new ChoiceType("allow", "deny"), "deny"))
                .property(Property.of("radius-accept-cache", new DurationType(DAY), 300L))
                .property(Property.of("radius-reject-cache", new DurationType(DAY), 60L))
                .columns("name", "allowed-interface-list", "authentication", "sessions", "packets", "drops")
                .flag('X', "disabled", v -> ServerRow.disabled(v.row()))
                .flag('*', "default", v -> ServerRow.isDefault(v.row()))
                // Turning RADIUS logins on hands rights to whoever the RADIUS servers admit.
                .rules(PolicyGuard.properties(new ServerRules(), "authentication"))
                .build());
        ServerRow.bind(servers);

        Menu bindings = s.add(Menu.builder(Menu.Kind.LIST, "ip mac-server binding")
                .code(MenuCodes.MAC_SERVER_BINDING)
                .nameProperty(Property.of("mac-address", MacAddressType.INSTANCE, null, REQUIRED, UNIQUE))
                .property(Property.of("server", new ReferenceType(() -> servers), null, REQUIRED))
                .property(Property.of("action", new ChoiceType("allow", "deny"), "allow"))
                .property(Property.of("disabled", BoolType.INSTANCE, false))
                .property(Property.of("comment", new TextType(255, false), null))
                .property(Property.of("timeout", new DurationType(365 * DAY), null))
                .property(Property.of("retry", new IntType(0, 100), null))
                .property(Property.of("time", new IntType(0, Long.MAX_VALUE), null, READ_ONLY))
                .property(Property.of("dynamic", BoolType.INSTANCE, false, READ_ONLY))
                .property(Property.of("expires-at", new IntType(0, Long.MAX_VALUE), null, HIDDEN))
                .property(Property.computed("expires-after", new DurationType(Long.MAX_VALUE), v -> {
                    Long at = BindingRow.expiresAt(v.row());
                    return at == null ? null : Math.max(0, at - v.now());
                }))
                .property(Property.computed("last-seen", new DurationType(Long.MAX_VALUE),
                        v -> live.macServer().secondsSinceHeard(BindingRow.macAddress(v.row()))))
                .columns("mac-address", "server", "action", "expires-after", "last-seen")
                .flag('X', "disabled", v -> BindingRow.disabled(v.row()))
                .flag('D', "dynamic", v -> BindingRow.dynamic(v.row()))
                .rules(new BindingRules())
                .table(BindingTable::new)
                .build());
        BindingRow.bind(bindings);

        Menu tool = s.add(Menu.builder(Menu.Kind.SINGLETON, "tool mac-server")
                .code(MenuCodes.TOOL_MAC_SERVER)
                .property(Property.of("allowed-interface-list", new ReferenceType(() -> lists), InterfaceMenus.LIST_ALL_ID))
                // The client writes its MAC into the MAC-Telnet header itself; only a bridge that
                // rewrites Ethernet sources (a station pseudobridge) needs this off.
                .property(Property.of("source-mac-check", BoolType.INSTANCE, true))
                .build());
        Menu ping = s.add(Menu.builder(Menu.Kind.SINGLETON, "tool mac-server ping")
                .code(MenuCodes.TOOL_MAC_SERVER_PING)
                .property(Property.of("enabled", BoolType.INSTANCE, true))
                .build());
        ToolRow.bind(tool, ping);
        // Why SESSIONSTARTs and PINGs were turned away since start, per server and reason.
        s.add(Menu.builder(Menu.Kind.LIVE, "tool mac-server drops")
                .property(Property.of("server", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("reason", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("packets", new IntType(0, Long.MAX_VALUE), null, READ_ONLY))
                .columns("server", "reason", "packets")
                .live(() -> live.macServer().drops())
                .build());
        s.add(Menu.builder(Menu.Kind.LIVE, "tool mac-server sessions")
                .property(Property.of("interface", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("src-address", MacAddressType.INSTANCE, null, READ_ONLY))
                .property(Property.of("server", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("user", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("uptime", new DurationType(Long.MAX_VALUE), null, READ_ONLY))
                .columns("interface", "src-address", "server", "user", "uptime")
                .live(() -> live.macServer().sessions())
                .liveRemover(id -> live.macServer().endSession(id))
                .build());
    }

    /** At most one default server; a server in use by bindings cannot go. */
    private static final class ServerRules implements MenuRules {
        @Override
        public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
            if (ServerRow.isDefault(after) && (before == null || !ServerRow.isDefault(before))) {
                Property def = ServerRow.DEFAULT.in(menu);
                List<Integer> others = new java.util.ArrayList<>();
                for (var it = tx.model().table(menu).iterator(); it.hasNext(); ) {
                    var e = it.next();
                    if (e.getKey() != id && ServerRow.isDefault(e.getValue())) {
                        others.add(e.getKey());
                    }
                }
                for (int other : others) {
                    tx.set(menu, other, Map.of(def, false));
                }
            }
        }

        @Override
        public void beforeRemove(Transaction tx, Menu menu, int id, Object[] row) throws ConfigException {
            Menu bindings = tx.model().schema().menu("ip mac-server binding");
            long users = 0;
            for (var it = tx.model().table(bindings).iterator(); it.hasNext(); ) {
                if (BindingRow.server(it.next().getValue()) == id) {
                    users++;
                }
            }
            if (users > 0) {
                throw new ConfigException("failure: server " + ServerRow.name(row) + " is used by " + users
                        + (users == 1 ? " binding" : " bindings"));
            }
        }
    }

    /** Stamps the time a binding was added and when its timeout ends. */
    private static final class BindingRules implements MenuRules {
        @Override
        public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
            Object[] row = after.clone();
            if (before == null) {
                row[BindingRow.TIME.index()] = tx.now();
            }
            Long t = BindingRow.timeout(row);
            boolean timeoutChanged = before == null || !java.util.Objects.equals(BindingRow.timeout(before), t);
            if (timeoutChanged) {
                row[BindingRow.EXPIRES_AT.index()] = t == null ? null : tx.now() + t;
            }
            if (!java.util.Arrays.equals(row, after)) {
                tx.setRow(menu, id, row);
            }
        }
    }

    /** Rows of {@code /ip mac-server}. */
    public static final class ServerRow {
        public static final Slot<String> NAME = Slot.of("name", String.class);
        public static final Slot<Boolean> DEFAULT = Slot.of("default", Boolean.class);
        public static final Slot<Boolean> DISABLED = Slot.of("disabled", Boolean.class);
        public static final Slot<Integer> ALLOWED_INTERFACE_LIST = Slot.of("allowed-interface-list", Integer.class);
        public static final Slot<Boolean> MAC_TELNET = Slot.of("mac-telnet", Boolean.class);
        public static final Slot<Boolean> MAC_PING = Slot.of("mac-ping", Boolean.class);
        public static final Slot<List<String>> AUTHENTICATION = Slot.strings("authentication");
        public static final Slot<Long> MAX_SESSIONS = Slot.of("max-sessions", Long.class);
        public static final Slot<Long> IDLE_TIMEOUT = Slot.of("idle-timeout", Long.class);
        public static final Slot<Long> LOGIN_RETRY = Slot.of("login-retry", Long.class);
        public static final Slot<Long> LOCKOUT_TIME = Slot.of("lockout-time", Long.class);
        public static final Slot<String> NFT_TABLE = Slot.of("nft-table", String.class);
        public static final Slot<String> NFT_ALLOW_SET = Slot.of("nft-allow-set", String.class);
        public static final Slot<String> NFT_DENY_SET = Slot.of("nft-deny-set", String.class);
        public static final Slot<Boolean> RADIUS_MAC_AUTH = Slot.of("radius-mac-auth", Boolean.class);
        public static final Slot<String> RADIUS_MAC_FORMAT = Slot.of("radius-mac-format", String.class);
        public static final Slot<String> RADIUS_FALLBACK = Slot.of("radius-fallback", String.class);
        public static final Slot<Long> RADIUS_ACCEPT_CACHE = Slot.of("radius-accept-cache", Long.class);
        public static final Slot<Long> RADIUS_REJECT_CACHE = Slot.of("radius-reject-cache", Long.class);

        private ServerRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, NAME, DEFAULT, DISABLED, ALLOWED_INTERFACE_LIST, MAC_TELNET, MAC_PING, AUTHENTICATION,
                    MAX_SESSIONS, IDLE_TIMEOUT, LOGIN_RETRY, LOCKOUT_TIME, NFT_TABLE, NFT_ALLOW_SET, NFT_DENY_SET,
                    RADIUS_MAC_AUTH, RADIUS_MAC_FORMAT, RADIUS_FALLBACK, RADIUS_ACCEPT_CACHE, RADIUS_REJECT_CACHE);
        }

        public static String name(Object[] row) { return NAME.get(row); }
        public static boolean isDefault(Object[] row) { return DEFAULT.isTrue(row); }
        public static boolean disabled(Object[] row) { return DISABLED.isTrue(row); }
        /** The id of its {@code allowed-interface-list}. */
        public static int allowedInterfaceList(Object[] row) { return ALLOWED_INTERFACE_LIST.get(row); }
        public static boolean macTelnet(Object[] row) { return MAC_TELNET.isTrue(row); }
        public static boolean macPing(Object[] row) { return MAC_PING.isTrue(row); }
        /** The login methods in order, {@code local} and/or {@code radius}. */
        public static List<String> authentication(Object[] row) { return AUTHENTICATION.get(row); }
        public static int maxSessions(Object[] row) { return MAX_SESSIONS.get(row).intValue(); }
        public static long idleTimeoutSeconds(Object[] row) { return IDLE_TIMEOUT.get(row); }
        public static int loginRetry(Object[] row) { return LOGIN_RETRY.get(row).intValue(); }
        public static long lockoutSeconds(Object[] row) { return LOCKOUT_TIME.get(row); }
        /** The nftables table its sets live in, or null for none. */
        public static String nftTable(Object[] row) { return NFT_TABLE.get(row); }
        public static String nftAllowSet(Object[] row) { return NFT_ALLOW_SET.get(row); }
        public static String nftDenySet(Object[] row) { return NFT_DENY_SET.get(row); }
        public static boolean radiusMacAuth(Object[] row) { return RADIUS_MAC_AUTH.isTrue(row); }
        /** A {@link macserver.radius.MacFormat} pattern. */
        public static String radiusMacFormat(Object[] row) { return RADIUS_MAC_FORMAT.get(row); }
        /** {@code allow} or {@code deny}: the answer when no RADIUS server answers. */
        public static String radiusFallback(Object[] row) { return RADIUS_FALLBACK.get(row); }
        public static long radiusAcceptCacheSeconds(Object[] row) { return RADIUS_ACCEPT_CACHE.get(row); }
        public static long radiusRejectCacheSeconds(Object[] row) { return RADIUS_REJECT_CACHE.get(row); }
    }

    /** Rows of {@code /ip mac-server binding}. */
    public static final class BindingRow {
        public static final Slot<Long> MAC_ADDRESS = Slot.of("mac-address", Long.class);
        public static final Slot<Integer> SERVER = Slot.of("server", Integer.class);
        public static final Slot<String> ACTION = Slot.of("action", String.class);
        public static final Slot<Boolean> DISABLED = Slot.of("disabled", Boolean.class);
        public static final Slot<String> COMMENT = Slot.of("comment", String.class);
        public static final Slot<Long> TIMEOUT = Slot.of("timeout", Long.class);
        public static final Slot<Long> TIME = Slot.of("time", Long.class);
        public static final Slot<Boolean> DYNAMIC = Slot.of("dynamic", Boolean.class);
        public static final Slot<Long> EXPIRES_AT = Slot.of("expires-at", Long.class);

        private BindingRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, MAC_ADDRESS, SERVER, ACTION, DISABLED, COMMENT, TIMEOUT, TIME, DYNAMIC, EXPIRES_AT);
        }

        /** The client's MAC, 48 bits in a long. */
        public static long macAddress(Object[] row) { return MAC_ADDRESS.get(row); }
        /** The id of its server in {@code /ip mac-server}. */
        public static int server(Object[] row) { return SERVER.get(row); }
        /** {@code allow} or {@code deny}. */
        public static String action(Object[] row) { return ACTION.get(row); }
        public static boolean disabled(Object[] row) { return DISABLED.isTrue(row); }
        /** Seconds it lasts after it was set, or null for ever. */
        public static Long timeout(Object[] row) { return TIMEOUT.get(row); }
        public static boolean dynamic(Object[] row) { return DYNAMIC.isTrue(row); }
        /** When its timeout ends, in the model's clock (seconds), or null for never. */
        public static Long expiresAt(Object[] row) { return EXPIRES_AT.get(row); }
    }

    /** The rows of the singletons {@code /tool mac-server} and {@code /tool mac-server ping}. */
    public static final class ToolRow {
        public static final Slot<Integer> ALLOWED_INTERFACE_LIST = Slot.of("allowed-interface-list", Integer.class);
        public static final Slot<Boolean> SOURCE_MAC_CHECK = Slot.of("source-mac-check", Boolean.class);
        public static final Slot<Boolean> PING_ENABLED = Slot.of("enabled", Boolean.class);

        private ToolRow() {
        }

        static void bind(Menu tool, Menu ping) {
            Slot.bind(tool, ALLOWED_INTERFACE_LIST, SOURCE_MAC_CHECK);
            Slot.bind(ping, PING_ENABLED);
        }

        /** {@code /tool mac-server}: the id of its {@code allowed-interface-list}. */
        public static int allowedInterfaceList(Object[] tool) { return ALLOWED_INTERFACE_LIST.get(tool); }
        /** {@code /tool mac-server}: on unless set to no (flash from before the setting has none). */
        public static boolean sourceMacCheck(Object[] tool) { return !Boolean.FALSE.equals(tool[SOURCE_MAC_CHECK.index()]); }
        /** {@code /tool mac-server ping}: whether MAC-Ping is answered. */
        public static boolean pingEnabled(Object[] ping) { return PING_ENABLED.isTrue(ping); }
    }
}
