package macserver.config.menus;

import macserver.config.BoolType;
import macserver.config.BytesType;
import macserver.config.ConfigModel;
import macserver.config.IntType;
import macserver.config.Menu;
import macserver.config.MenuRules;
import macserver.config.PolicyGuard;
import macserver.config.Property;
import macserver.config.ReferenceType;
import macserver.config.Schema;
import macserver.config.TextType;

import static macserver.config.Property.Flag.HIDDEN;
import static macserver.config.Property.Flag.REQUIRED;
import static macserver.config.Property.Flag.UNIQUE;
import static macserver.config.Property.Flag.WRITE_ONLY;

/**
 * RouterOS's {@code /iot mqtt brokers} (the brokers the router can dial out to) and
 * {@code /iot mqtt agent}, the remote management agent: which broker it uses, under which topic
 * prefix, and which user's permissions remote requests get. The agent is off and has no user in a
 * new router, so nothing can be managed remotely until the operator chooses a user (and with it
 * how much a remote request may do). Broker passwords are write-only and sealed on flash. Brokers,
 * and the agent's user, broker, topic prefix and switch, need the {@code policy} right to change:
 * a {@code write} user could otherwise make the agent act as {@code admin} and command it.
 */
public final class IotMenus {
    /** The hidden menu of {@code digests}: the keys of answered requests, 16 bytes each, oldest first. */
    public static final String ANSWERED_MENU = "iot mqtt answered";

    private IotMenus() {
    }

    static void register(Schema s) {
        Menu brokers = s.add(Menu.builder(Menu.Kind.LIST, "iot mqtt brokers")
                .code(MenuCodes.IOT_MQTT_BROKERS)
                .nameProperty(Property.of("name", new TextType(64, true), null, REQUIRED, UNIQUE))
                .property(Property.of("address", new TextType(255, true), null, REQUIRED))
                .property(Property.of("port", new IntType(1, 65535), 1883L))
                .property(Property.of("ssl", BoolType.INSTANCE, false))
                // A PEM file on the router's file system; unset: the JDK's trusted CAs.
                .property(Property.of("ca-certificate", new TextType(255, false), null))
                .property(Property.of("username", new TextType(128, false), null))
                .property(Property.of("password", new TextType(256, false), null, WRITE_ONLY))
                .property(Property.of("sealed-password", BytesType.INSTANCE, null, HIDDEN))
                .property(Property.of("client-id", new TextType(128, false), null))
                .property(Property.of("keep-alive", new IntType(0, 65535), 60L))
                .columns("name", "address", "port", "ssl", "client-id")
                // Where the router dials out to and with whose credentials: who may change it decides who commands it.
                .rules(PolicyGuard.everything(new SealedSecret("password", "sealed-password")))
                .build());
        s.add(Menu.builder(Menu.Kind.SINGLETON, "iot mqtt agent")
                .code(MenuCodes.IOT_MQTT_AGENT)
                .property(Property.of("enabled", BoolType.INSTANCE, false))
                .property(Property.of("broker", new ReferenceType(() -> brokers), null))
                // Unset: macserver/<client-id>.
                .property(Property.of("topic-prefix", new TextType(128, false), null))
                .property(Property.of("user", new ReferenceType(() -> s.menu("user")), null))
                .property(Property.of("fleet-group", new TextType(64, false), null))
                // Shared by every router of the group, unlike topic-prefix, which is per router.
                .property(Property.of("fleet-prefix", new TextType(128, false), "macserver"))
                // Remote requests act as the chosen user: choosing it, or where requests come from, is a policy matter.
                .rules(PolicyGuard.properties(MenuRules.NONE, "enabled", "broker", "user", "topic-prefix"))
                .build());
        // Digests of the last requests that changed the configuration, so that a QoS 1 redelivery after
        // a restart (the router went down before its acknowledgement) is not applied a second time.
        s.add(Menu.builder(Menu.Kind.SINGLETON, ANSWERED_MENU)
                .code(MenuCodes.IOT_MQTT_ANSWERED)
                .hidden()
                .property(Property.of("digests", BytesType.INSTANCE, null, HIDDEN))
                .build());
    }

    /** The clear password of a broker row, or null when none was set. Call with the model locked. */
    public static byte[] brokerPassword(ConfigModel model, Object[] row) {
        return SealedSecret.open(model, model.schema().menu("iot mqtt brokers"), "sealed-password", row);
    }
}
