package macserver.config.menus;

/**
 * Prefixes of the stored menus' keys on flash. Never reuse or renumber one: flash written by an
 * older firmware must still load.
 */
public final class MenuCodes {
    public static final int MAC_SERVER = 1;
    public static final int MAC_SERVER_BINDING = 2;
    public static final int TOOL_MAC_SERVER = 3;
    public static final int TOOL_MAC_SERVER_PING = 4;
    public static final int DISCOVERY_SETTINGS = 5;
    public static final int SYSTEM_IDENTITY = 6;
    public static final int USER = 7;
    public static final int USER_GROUP = 8;
    public static final int INTERFACE_LIST = 9;
    public static final int INTERFACE_LIST_MEMBER = 10;
    public static final int SYSTEM_DEVICE = 11;
    public static final int WWW_CERTIFICATE = 12;
    public static final int IP_SERVICE = 13;
    public static final int RADIUS = 14;
    public static final int USER_AAA = 15;
    public static final int IOT_MQTT_BROKERS = 16;
    public static final int IOT_MQTT_AGENT = 17;
    /** SSH (22 and up, clear of the codes other menus take next). */
    public static final int IP_SSH = 22;
    public static final int USER_SSH_KEYS = 23;
    /** Fleet bindings (40 and up, clear of the codes other menus take next). */
    public static final int MAC_SERVER_FLEET = 40;
    public static final int MAC_SERVER_FLEET_SYNC = 41;
    /** The MQTT agent's own bookkeeping (45 and up). */
    public static final int IOT_MQTT_ANSWERED = 45;

    private MenuCodes() {
    }
}
