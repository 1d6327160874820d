package macserver.config.menus;

import macserver.config.DurationType;
import macserver.config.IntType;
import macserver.config.MacAddressType;
import macserver.config.Menu;
import macserver.config.Property;
import macserver.config.ReferenceType;
import macserver.config.Schema;
import macserver.config.Slot;
import macserver.config.TextType;

import static macserver.config.Property.Flag.READ_ONLY;

/** {@code /system identity}, {@code /system resource}, {@code /ip neighbor} and its settings. */
public final class SystemMenus {
    private static final Slot<String> IDENTITY_NAME = Slot.of("name", String.class);
    private static final Slot<byte[]> DEVICE_KEY = Slot.of("key", byte[].class);
    private static final Slot<Integer> DISCOVER_INTERFACE_LIST = Slot.of("discover-interface-list", Integer.class);

    private SystemMenus() {
    }

    /** The router's name, {@code /system identity}'s {@code name}. Call with the model locked. */
    public static String identity(macserver.config.ConfigModel model) {
        return IDENTITY_NAME.get(model.table(model.schema().menu("system identity")).get(1));
    }

    /** The router's device key (made at first boot), which seals legacy MD5 secrets. Call with the model locked. */
    public static byte[] deviceKey(macserver.config.ConfigModel model) {
        return DEVICE_KEY.get(model.table(model.schema().menu("system device")).get(1));
    }

    /** The id of the interface list MNDP runs on ({@code /ip neighbor discovery-settings}). Call with the model locked. */
    public static int discoverInterfaceList(macserver.config.ConfigModel model) {
        return DISCOVER_INTERFACE_LIST.get(model.table(model.schema().menu("ip neighbor discovery-settings")).get(1));
    }

    /**
     * A public identifier of this router for {@code purpose} (the MQTT client id, MNDP's Softid):
     * {@code length} bytes of SHA-256 over the purpose and the device key, so that identifiers
     * shown to the network are stable per router yet tell nothing about the key that seals its
     * secrets, nor about each other. Null before the key exists. Call with the model locked.
     */
    public static byte[] deviceIdentifier(macserver.config.ConfigModel model, String purpose, int length) {
        byte[] key = deviceKey(model);
        if (key == null) {
            return null;
        }
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(("macserver device identifier: " + purpose + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(sha.digest(key), length);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    static void register(Schema s, LiveStatus live) {
        Slot.bind(s.add(Menu.builder(Menu.Kind.SINGLETON, "system identity")
                .code(MenuCodes.SYSTEM_IDENTITY)
                .property(Property.of("name", new TextType(64, true), "MikroTik"))
                .build()), IDENTITY_NAME);
        Slot.bind(s.add(Menu.builder(Menu.Kind.SINGLETON, "system device")
                .code(MenuCodes.SYSTEM_DEVICE)
                .hidden()
                .property(Property.of("key", macserver.config.BytesType.INSTANCE, null, macserver.config.Property.Flag.HIDDEN))
                .build()), DEVICE_KEY);
        TextType text = new TextType(256, false);
        IntType bytes = new IntType(0, Long.MAX_VALUE);
        s.add(Menu.builder(Menu.Kind.LIVE, "system resource")
                .singleValue()
                .property(Property.of("uptime", new DurationType(Long.MAX_VALUE), null, READ_ONLY))
                .property(Property.of("version", text, null, READ_ONLY))
                .property(Property.of("firmware-version", text, null, READ_ONLY))
                .property(Property.of("board-name", text, null, READ_ONLY))
                .property(Property.of("architecture-name", text, null, READ_ONLY))
                .property(Property.of("cpu", text, null, READ_ONLY))
                .property(Property.of("cpu-count", bytes, null, READ_ONLY))
                .property(Property.of("cpu-frequency", text, null, READ_ONLY))
                .property(Property.of("total-memory", bytes, null, READ_ONLY))
                .property(Property.of("free-memory", bytes, null, READ_ONLY))
                .property(Property.of("flash-type", text, null, READ_ONLY))
                .property(Property.of("total-hdd-space", bytes, null, READ_ONLY))
                .property(Property.of("free-hdd-space", bytes, null, READ_ONLY))
                .property(Property.of("java-version", text, null, READ_ONLY))
                .live(() -> live.system().resource())
                .build());
        s.add(Menu.builder(Menu.Kind.LIVE, "system routerboard")
                .singleValue()
                .property(Property.of("routerboard", macserver.config.BoolType.INSTANCE, null, READ_ONLY))
                .property(Property.of("board-name", text, null, READ_ONLY))
                .property(Property.of("model", text, null, READ_ONLY))
                .property(Property.of("firmware-type", text, null, READ_ONLY))
                .property(Property.of("current-firmware", text, null, READ_ONLY))
                .live(() -> live.system().routerboard())
                .build());
        s.add(Menu.builder(Menu.Kind.LIVE, "system package")
                .property(Property.of("name", text, null, READ_ONLY))
                .property(Property.of("version", text, null, READ_ONLY))
                .property(Property.of("architecture", text, null, READ_ONLY))
                .columns("name", "version", "architecture")
                .live(() -> live.system().packages())
                .build());
        s.add(Menu.builder(Menu.Kind.LIVE, "system history")
                .property(Property.of("action", text, null, READ_ONLY))
                .property(Property.of("by", text, null, READ_ONLY))
                .property(Property.of("via", text, null, READ_ONLY))
                .property(Property.of("time", text, null, READ_ONLY))
                .columns("action", "by", "via", "time")
                .live(() -> live.system().history())
                .build());

        Menu lists = s.menu("interface list");
        s.add(Menu.builder(Menu.Kind.LIVE, "ip neighbor")
                .property(Property.of("interface", text, null, READ_ONLY))
                .property(Property.of("mac-address", MacAddressType.INSTANCE, null, READ_ONLY))
                .property(Property.of("identity", text, null, READ_ONLY))
                .property(Property.of("platform", text, null, READ_ONLY))
                .property(Property.of("version", text, null, READ_ONLY))
                .property(Property.of("board", text, null, READ_ONLY))
                .property(Property.of("software-id", text, null, READ_ONLY))
                .property(Property.of("interface-name", text, null, READ_ONLY))
                .property(Property.of("address", text, null, READ_ONLY))
                .property(Property.of("uptime", new DurationType(Long.MAX_VALUE), null, READ_ONLY))
                .property(Property.of("age", new DurationType(Long.MAX_VALUE), null, READ_ONLY))
                .columns("interface", "address", "mac-address", "identity", "version", "board")
                .live(() -> live.macServer().neighbors())
                .build());
        Slot.bind(s.add(Menu.builder(Menu.Kind.SINGLETON, "ip neighbor discovery-settings")
                .code(MenuCodes.DISCOVERY_SETTINGS)
                .property(Property.of("discover-interface-list", new ReferenceType(() -> lists), InterfaceMenus.LIST_ALL_ID))
                .build()), DISCOVER_INTERFACE_LIST);
    }
}
