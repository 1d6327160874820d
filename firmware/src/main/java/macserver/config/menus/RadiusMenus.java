package macserver.config.menus;

import java.util.List;
import macserver.config.BoolType;
import macserver.config.BytesType;
import macserver.config.ChoiceListType;
import macserver.config.ChoiceType;
import macserver.config.IntType;
import macserver.config.IpAddressType;
import macserver.config.Menu;
import macserver.config.MillisecondsType;
import macserver.config.Property;
import macserver.config.Schema;
import macserver.config.TextType;

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
                .rules(new SealedSecret("secret", "sealed-secret"))
                .build());
    }

    /** The clear secret of a stored row, or null when none was set. Call with the model locked. */
    public static byte[] secret(macserver.config.ConfigModel model, Object[] row) {
        return SealedSecret.open(model, model.schema().menu("radius"), "sealed-secret", row);
    }
}
