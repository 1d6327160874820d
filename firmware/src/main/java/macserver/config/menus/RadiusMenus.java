package macserver.config.menus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import macserver.config.BoolType;
import macserver.config.BytesType;
import macserver.config.ConfigException;
import macserver.config.MenuRules;
import macserver.config.ChoiceListType;
import macserver.config.ChoiceType;
import macserver.config.IntType;
import macserver.config.IpAddressType;
import macserver.config.Menu;
import macserver.config.MillisecondsType;
import macserver.config.PolicyGuard;
import macserver.config.Property;
import macserver.config.Schema;
import macserver.config.Slot;
import macserver.config.TextType;
import macserver.config.Transaction;
import macserver.radius.RadiusStatistics;

import static macserver.config.Property.Flag.HIDDEN;
import static macserver.config.Property.Flag.WRITE_ONLY;

/**
 * RouterOS's {@code /radius}: the RADIUS servers, asked in their order. The shared secret is
 * write-only; it is kept sealed with the device key (the client needs it back for every packet,
 * so it cannot be hashed like a password), never in clear text on flash. {@code monitor} shows
 * each entry's request counters. Entries with {@code service=login} need the {@code policy} right
 * to add, change or remove: their answers name the group a login gets.
 */
public final class RadiusMenus {
    public static final String REQUIRE_YES = "yes-for-request-resp";
    public static final String DEFAULT_GROUP = "read";

    private static final Slot<String> DEFAULT_GROUP_NAME = Slot.of("default-group", String.class);

    private RadiusMenus() {
    }

    static void register(Schema s, LiveStatus live) {
        Menu radius = s.add(Menu.builder(Menu.Kind.LIST, "radius")
                .code(MenuCodes.RADIUS)
                .property(Property.of("address", IpAddressType.INSTANCE, "0.0.0.0"))
                .property(Property.of("secret", new TextType(128, false), null, WRITE_ONLY))
                .property(Property.of("sealed-secret", BytesType.INSTANCE, null, HIDDEN))
                .property(Property.of("service", new ChoiceListType("mac-server", "login"), List.of()))
                .property(Property.of("authentication-port", new IntType(1, 65535), 1812L))
                .property(Property.of("timeout", new MillisecondsType(10, 60_000), 300L))
                .property(Property.of("src-address", IpAddressType.INSTANCE, "0.0.0.0"))
                .property(Property.of("require-message-auth", new ChoiceType(REQUIRE_YES, "no"), REQUIRE_YES))
                .property(Property.of("disabled", BoolType.INSTANCE, false))
                .property(Property.of("comment", new TextType(255, false), null))
                .columns("service", "address", "authentication-port", "require-message-auth")
                .flag('X', "disabled", v -> RadiusRow.disabled(v.row()))
                // Login servers name the group of whoever they admit: only a user who could grant any group may choose them.
                .rules(new PolicyGuard((menu, before, after) -> forLogins(menu, before) || forLogins(menu, after),
                        new SealedSecret("secret", "sealed-secret")))
                .monitor(id -> monitor(live.macServer().radius(id)))
                .build());
        RadiusRow.bind(radius);
        // RouterOS's /user aaa: what a login checked by RADIUS gets when the answer names no group.
        Slot.bind(s.add(Menu.builder(Menu.Kind.SINGLETON, "user aaa")
                .code(MenuCodes.USER_AAA)
                .property(Property.of("default-group", new TextType(64, true), DEFAULT_GROUP))
                .rules(new GroupRules())
                .build()), DEFAULT_GROUP_NAME);
    }

    private static boolean forLogins(Menu menu, Object[] row) {
        return row != null && RadiusRow.service(row).contains("login");
    }

    /** RouterOS's {@code /radius monitor} fields. */
    static SequencedMap<String, String> monitor(RadiusStatistics stats) {
        SequencedMap<String, String> out = new LinkedHashMap<>();
        out.put("pending", Long.toString(stats.pending()));
        out.put("requests", Long.toString(stats.requests()));
        out.put("accepts", Long.toString(stats.accepts()));
        out.put("rejects", Long.toString(stats.rejects()));
        out.put("resends", Long.toString(stats.resends()));
        out.put("timeouts", Long.toString(stats.timeouts()));
        out.put("bad-replies", Long.toString(stats.badReplies()));
        out.put("last-request-rtt", stats.lastRequestRttMicros() / 1000 + "ms");
        return out;
    }

    /** The clear secret of a stored row, or null when none was set. Call with the model locked. */
    public static byte[] secret(macserver.config.ConfigModel model, Object[] row) {
        return SealedSecret.open(model, model.schema().menu("radius"), "sealed-secret", row);
    }

    /** The group a RADIUS login gets when the answer carries no Mikrotik-Group. Call with the model locked. */
    public static String defaultGroup(macserver.config.ConfigModel model) {
        return DEFAULT_GROUP_NAME.get(model.table(model.schema().menu("user aaa")).get(1));
    }

    /** default-group must name an existing group. */
    private static final class GroupRules implements MenuRules {
        @Override
        public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
            String group = DEFAULT_GROUP_NAME.get(after);
            if (tx.model().idByName(tx.model().schema().menu("user group"), group) < 0) {
                throw new ConfigException("input does not match any value of default-group");
            }
        }
    }

    /** Rows of {@code /radius}. */
    public static final class RadiusRow {
        public static final Slot<String> ADDRESS = Slot.of("address", String.class);
        public static final Slot<List<String>> SERVICE = Slot.strings("service");
        public static final Slot<Long> AUTHENTICATION_PORT = Slot.of("authentication-port", Long.class);
        public static final Slot<Long> TIMEOUT = Slot.of("timeout", Long.class);
        public static final Slot<String> SRC_ADDRESS = Slot.of("src-address", String.class);
        public static final Slot<String> REQUIRE_MESSAGE_AUTH = Slot.of("require-message-auth", String.class);
        public static final Slot<Boolean> DISABLED = Slot.of("disabled", Boolean.class);

        private RadiusRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, ADDRESS, SERVICE, AUTHENTICATION_PORT, TIMEOUT, SRC_ADDRESS, REQUIRE_MESSAGE_AUTH, DISABLED);
        }

        /** The server's IP address as text. */
        public static String address(Object[] row) { return ADDRESS.get(row); }
        /** What it is asked about: {@code mac-server} and/or {@code login}. */
        public static List<String> service(Object[] row) { return SERVICE.get(row); }
        public static int authenticationPort(Object[] row) { return AUTHENTICATION_PORT.get(row).intValue(); }
        public static long timeoutMillis(Object[] row) { return TIMEOUT.get(row); }
        /** The address requests leave from as text, {@code 0.0.0.0} for any. */
        public static String srcAddress(Object[] row) { return SRC_ADDRESS.get(row); }
        /** Whether answers must carry a Message-Authenticator ({@link RadiusMenus#REQUIRE_YES}). */
        public static boolean requiresMessageAuth(Object[] row) { return REQUIRE_YES.equals(REQUIRE_MESSAGE_AUTH.get(row)); }
        public static boolean disabled(Object[] row) { return DISABLED.isTrue(row); }
    }
}
