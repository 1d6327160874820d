package macserver.config;

/** The management plane a user came in through; shown in events and used by login policy. */
public enum Plane {
    /** The host terminal of `make run` (the process owner's own terminal). */
    STDIO,
    /** The board's serial console. */
    SERIAL,
    MAC_TELNET,
    MQTT,
    REST,
    SSH,
    /** The RouterOS API (binary sentences over TCP, api and api-ssl). */
    API
}
