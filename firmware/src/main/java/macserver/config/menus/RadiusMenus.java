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

    private RadiusMenus() {
    }

    static void register(Schema s, LiveStatus live) {
        s.add(Menu.builder(Menu.Kind.LIST, "radius")
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
                .flag('X', "disabled", v -> Boolean.TRUE.equals(v.row()[8]))
                // Login servers name the group of whoever they admit: only a user who could grant any group may choose them.
                .rules(new PolicyGuard((menu, before, after) -> forLogins(menu, before) || forLogins(menu, after),
                        new SealedSecret("secret", "sealed-secret")))
                .monitor(id -> monitor(live.radiusStatistics.apply(id)))
                .build());
        // RouterOS's /user aaa: what a login checked by RADIUS gets when the answer names no group.
        s.add(Menu.builder(Menu.Kind.SINGLETON, "user aaa")
                .code(MenuCodes.USER_AAA)
                .property(Property.of("default-group", new TextType(64, true), DEFAULT_GROUP))
                .rules(new GroupRules())
                .build());
    }

    private static boolean forLogins(Menu menu, Object[] row) {
        return row != null && ((List<?>) row[menu.property("service").index()]).contains("login");
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
        Menu m = model.schema().menu("user aaa");
        return (String) model.table(m).get(1)[m.property("default-group").index()];
    }

    /** default-group must name an existing group. */
    private static final class GroupRules implements MenuRules {
        @Override
        public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
            String group = (String) after[menu.property("default-group").index()];
            if (tx.model().idByName(tx.model().schema().menu("user group"), group) < 0) {
                throw new ConfigException("input does not match any value of default-group");
            }
        }
    }
}
