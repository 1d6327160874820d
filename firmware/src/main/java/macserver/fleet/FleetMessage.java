package macserver.fleet;

import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import macserver.config.MacAddressType;
import macserver.json.JsonBoolean;
import macserver.json.JsonException;
import macserver.json.JsonNumber;
import macserver.json.JsonObject;
import macserver.json.JsonParser;
import macserver.json.JsonString;
import macserver.json.JsonValue;
import macserver.json.JsonWriter;
import macserver.mac.MacAddress;

/**
 * One version of a fleet binding, as published retained on the MAC's binding topic:
 * <pre>{"mac-address":"00:11:22:33:44:55","mac-server":"guests","action":"allow","comment":"desk 4",
 *  "timestamp":1764300000000,"publisher":"edge-7"}</pre>
 * or, for a removal, a tombstone: {@code {"mac-address":..,"deleted":true,"timestamp":..,"publisher":..}}.
 * {@code timestamp} is the publisher's clock in milliseconds; versions compare by timestamp, then
 * publisher, then content, so every router picks the same winner whatever the arrival order.
 * <p>
 * Decoding is strict: a field this firmware does not know makes the whole message unusable (a
 * newer publisher's {@code "action":"deny"} must never be half-understood as an allow).
 */
public record FleetMessage(long mac, String server, String action, String comment, long timestamp, String publisher,
                           boolean deleted) implements Comparable<FleetMessage> {
    /** Larger payloads are refused unread. */
    public static final int MAX_PAYLOAD = 1024;
    /** Timestamps past the year 9999 are clocks gone wrong. */
    static final long MAX_TIMESTAMP = 253_402_300_799_999L;

    private static final Set<String> FIELDS = Set.of("mac-address", "mac-server", "action", "comment", "timestamp",
            "publisher", "deleted");
    private static final Comparator<FleetMessage> ORDER = Comparator.comparingLong(FleetMessage::timestamp)
            .thenComparing(FleetMessage::publisher)
            .thenComparing(FleetMessage::deleted)
            .thenComparing(m -> Objects.toString(m.server(), ""))
            .thenComparing(m -> Objects.toString(m.action(), ""))
            .thenComparing(m -> Objects.toString(m.comment(), ""));

    /** Checks every field as decode does, so a router never publishes what others would refuse. */
    public FleetMessage {
        try {
            check(mac, server, action, comment, timestamp, publisher, deleted);
        } catch (FleetFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static FleetMessage binding(long mac, String server, String action, String comment, long timestamp,
                                       String publisher) {
        return new FleetMessage(mac, server, action == null ? "allow" : action, comment, timestamp, publisher, false);
    }

    public static FleetMessage tombstone(long mac, long timestamp, String publisher) {
        return new FleetMessage(mac, null, null, null, timestamp, publisher, true);
    }

    /** True if this version wins over {@code other} (last writer wins). */
    public boolean supersedes(FleetMessage other) {
        return other == null || compareTo(other) > 0;
    }

    @Override
    public int compareTo(FleetMessage o) {
        return ORDER.compare(this, o);
    }

    public byte[] encode() {
        JsonObject o = new JsonObject();
        o.put("mac-address", MacAddress.format(mac));
        if (deleted) {
            o.put("deleted", true);
        } else {
            o.put("mac-server", server);
            o.put("action", action);
            if (comment != null) {
                o.put("comment", comment);
            }
        }
        o.put("timestamp", timestamp);
        o.put("publisher", publisher);
        return JsonWriter.utf8(o);
    }

    /** Reads the payload of the binding topic of {@code topicMac}; the payload must name that MAC. */
    public static FleetMessage decode(long topicMac, byte[] payload) throws FleetFormatException {
        if (payload.length > MAX_PAYLOAD) {
            throw new FleetFormatException("payload of " + payload.length + " bytes (at most " + MAX_PAYLOAD + ")");
        }
        JsonValue parsed;
        try {
            parsed = JsonParser.parse(payload);
        } catch (JsonException e) {
            throw new FleetFormatException("not JSON: " + e.reason());
        }
        if (!(parsed instanceof JsonObject root)) {
            throw new FleetFormatException("not a JSON object");
        }
        for (String name : root.names()) {
            if (!FIELDS.contains(name)) {
                throw new FleetFormatException("unknown field " + name);
            }
        }
        long mac = MacAddressType.parseMac(text(root, "mac-address", true));
        if (mac != topicMac) {
            throw new FleetFormatException("mac-address does not match the topic");
        }
        JsonValue deletedValue = root.get("deleted");
        if (deletedValue != null && !(deletedValue instanceof JsonBoolean)) {
            throw new FleetFormatException("deleted must be true or false");
        }
        boolean deleted = deletedValue == JsonBoolean.TRUE;
        if (!(root.get("timestamp") instanceof JsonNumber ts) || !ts.fitsLong()) {
            throw new FleetFormatException("timestamp must be a whole number of milliseconds");
        }
        String server = text(root, "mac-server", !deleted);
        String action = text(root, "action", false);
        String comment = text(root, "comment", false);
        if (deleted && (server != null || action != null || comment != null)) {
            throw new FleetFormatException("a deleted binding carries no mac-server, action or comment");
        }
        if (!deleted && action == null) {
            action = "allow";
        }
        String publisher = text(root, "publisher", true);
        check(mac, server, action, comment, ts.longValue(), publisher, deleted);
        return new FleetMessage(mac, server, action, comment, ts.longValue(), publisher, deleted);
    }

    private static String text(JsonObject root, String field, boolean required) throws FleetFormatException {
        JsonValue n = root.get(field);
        if (n == null) {
            if (required) {
                throw new FleetFormatException(field + " missing");
            }
            return null;
        }
        if (!(n instanceof JsonString s)) {
            throw new FleetFormatException(field + " must be a string");
        }
        return s.value();
    }

    private static void check(long mac, String server, String action, String comment, long timestamp, String publisher,
                              boolean deleted) throws FleetFormatException {
        if (mac <= 0 || mac > 0xFFFF_FFFF_FFFFL || (mac & 0x0100_0000_0000L) != 0) {
            throw new FleetFormatException("mac-address must be a host MAC address");
        }
        if (timestamp <= 0 || timestamp > MAX_TIMESTAMP) {
            throw new FleetFormatException("timestamp out of range");
        }
        if (!FleetTopics.isLevel(publisher)) {
            throw new FleetFormatException("publisher must be 1-64 characters without spaces, '/', '+' or '#'");
        }
        if (deleted) {
            return;
        }
        if (server == null || server.isBlank() || server.length() > 64 || hasControl(server)) {
            throw new FleetFormatException("mac-server must be a server name (1-64 characters)");
        }
        if (!"allow".equals(action) && !"deny".equals(action)) {
            throw new FleetFormatException("action must be allow or deny");
        }
        if (comment != null && (comment.length() > 255 || hasControl(comment))) {
            throw new FleetFormatException("comment must be at most 255 characters without control characters");
        }
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
