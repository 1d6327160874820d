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
import macserver.config.Slot;
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
    /** The one property of {@link #ANSWERED_MENU}. */
    public static final Slot<byte[]> DIGESTS = Slot.of("digests", byte[].class);

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
        BrokerRow.bind(brokers);
        Menu agent = s.add(Menu.builder(Menu.Kind.SINGLETON, "iot mqtt agent")
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
        AgentRow.bind(agent);
        // Digests of the last requests that changed the configuration, so that a QoS 1 redelivery after
        // a restart (the router went down before its acknowledgement) is not applied a second time.
        Slot.bind(s.add(Menu.builder(Menu.Kind.SINGLETON, ANSWERED_MENU)
                .code(MenuCodes.IOT_MQTT_ANSWERED)
                .hidden()
                .property(Property.of("digests", BytesType.INSTANCE, null, HIDDEN))
                .build()), DIGESTS);
    }

    /** The clear password of a broker row, or null when none was set. Call with the model locked. */
    public static byte[] brokerPassword(ConfigModel model, Object[] row) {
        return SealedSecret.open(model, model.schema().menu("iot mqtt brokers"), "sealed-password", row);
    }

    /** Rows of {@code /iot mqtt brokers}. */
    public static final class BrokerRow {
        public static final Slot<String> ADDRESS = Slot.of("address", String.class);
        public static final Slot<Long> PORT = Slot.of("port", Long.class);
        public static final Slot<Boolean> SSL = Slot.of("ssl", Boolean.class);
        public static final Slot<String> CA_CERTIFICATE = Slot.of("ca-certificate", String.class);
        public static final Slot<String> USERNAME = Slot.of("username", String.class);
        public static final Slot<String> CLIENT_ID = Slot.of("client-id", String.class);
        public static final Slot<Long> KEEP_ALIVE = Slot.of("keep-alive", Long.class);

        private BrokerRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, ADDRESS, PORT, SSL, CA_CERTIFICATE, USERNAME, CLIENT_ID, KEEP_ALIVE);
        }

        /** The broker's host name or address. */
        public static String address(Object[] row) { return ADDRESS.get(row); }
        public static int port(Object[] row) { return PORT.get(row).intValue(); }
        public static boolean ssl(Object[] row) { return SSL.isTrue(row); }
        /** A PEM file on the router's file system, or null for the JDK's trusted CAs. */
        public static String caCertificate(Object[] row) { return CA_CERTIFICATE.get(row); }
        public static String username(Object[] row) { return USERNAME.get(row); }
        /** Null or empty: one made from the device key. */
        public static String clientId(Object[] row) { return CLIENT_ID.get(row); }
        public static int keepAliveSeconds(Object[] row) { return KEEP_ALIVE.get(row).intValue(); }
    }

    /** The row of the singleton {@code /iot mqtt agent}. */
    public static final class AgentRow {
        public static final Slot<Boolean> ENABLED = Slot.of("enabled", Boolean.class);
        public static final Slot<Integer> BROKER = Slot.of("broker", Integer.class);
        public static final Slot<String> TOPIC_PREFIX = Slot.of("topic-prefix", String.class);
        public static final Slot<Integer> USER = Slot.of("user", Integer.class);
        public static final Slot<String> FLEET_GROUP = Slot.of("fleet-group", String.class);
        public static final Slot<String> FLEET_PREFIX = Slot.of("fleet-prefix", String.class);

        private AgentRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, ENABLED, BROKER, TOPIC_PREFIX, USER, FLEET_GROUP, FLEET_PREFIX);
        }

        public static boolean enabled(Object[] row) { return ENABLED.isTrue(row); }
        /** The id of its broker in {@code /iot mqtt brokers}, or null for none. */
        public static Integer broker(Object[] row) { return BROKER.get(row); }
        /** Null or empty: {@code macserver/<client-id>}. */
        public static String topicPrefix(Object[] row) { return TOPIC_PREFIX.get(row); }
        /** The id in {@code /user} whose rights remote requests get, or null for none. */
        public static Integer user(Object[] row) { return USER.get(row); }
        /** Null or empty: not in a fleet. */
        public static String fleetGroup(Object[] row) { return FLEET_GROUP.get(row); }
        public static String fleetPrefix(Object[] row) { return FLEET_PREFIX.get(row); }
    }
}
