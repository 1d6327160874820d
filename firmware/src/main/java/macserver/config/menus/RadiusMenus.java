package macserver.config.menus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import macserver.auth.LegacySecretBox;
import macserver.config.BoolType;
import macserver.config.BytesType;
import macserver.config.ChoiceListType;
import macserver.config.ChoiceType;
import macserver.config.ConfigException;
import macserver.config.IntType;
import macserver.config.IpAddressType;
import macserver.config.Menu;
import macserver.config.MenuRules;
import macserver.config.MillisecondsType;
import macserver.config.Property;
import macserver.config.Schema;
import macserver.config.TextType;
import macserver.config.Transaction;

import static macserver.config.Property.Flag.HIDDEN;
import static macserver.config.Property.Flag.WRITE_ONLY;

/**
 * RouterOS's {@code /radius}: the RADIUS servers, asked in their order. The shared secret is
 * write-only; it is kept sealed with the device key (the client needs it back for every packet,
 * so it cannot be hashed like a password), never in clear text on flash.
 */
public final class RadiusMenus {
    public static final String REQUIRE_YES = "yes-for-request-resp";

    private RadiusMenus() {
    }

    static void register(Schema s) {
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
                .rules(new SecretRules())
                .build());
    }

    /** The clear secret of a stored row, or null when none was set. Call with the model locked. */
    public static byte[] secret(macserver.config.ConfigModel model, Object[] row) {
        Menu m = model.schema().menu("radius");
        byte[] sealed = (byte[]) row[m.property("sealed-secret").index()];
        return sealed == null ? null : LegacySecretBox.open(SystemMenus.deviceKey(model), sealed);
    }

    private static final class SecretRules implements MenuRules {
        @Override
        public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
            Property secret = menu.property("secret");
            String clear = (String) after[secret.index()];
            if (clear == null) {
                return;
            }
            Object[] row = after.clone();
            row[menu.property("sealed-secret").index()] = clear.isEmpty() ? null
                    : LegacySecretBox.seal(SystemMenus.deviceKey(tx.model()), clear.getBytes(StandardCharsets.UTF_8));
            row[secret.index()] = null;
            tx.setRow(menu, id, row);
        }
    }
}
