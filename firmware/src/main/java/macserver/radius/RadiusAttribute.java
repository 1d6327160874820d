package macserver.radius;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One RADIUS attribute (RFC 2865 section 5): a type octet and at most 253 octets of value. */
public record RadiusAttribute(int type, byte[] value) {
    public static final int USER_NAME = 1;
    public static final int USER_PASSWORD = 2;
    public static final int CHAP_PASSWORD = 3;
    public static final int NAS_IP_ADDRESS = 4;
    public static final int SERVICE_TYPE = 6;
    public static final int REPLY_MESSAGE = 18;
    public static final int FILTER_ID = 11;
    public static final int CLASS = 25;
    public static final int SESSION_TIMEOUT = 27;
    public static final int VENDOR_SPECIFIC = 26;
    public static final int CALLED_STATION_ID = 30;
    public static final int CALLING_STATION_ID = 31;
    public static final int NAS_IDENTIFIER = 32;
    public static final int PROXY_STATE = 33;
    public static final int CHAP_CHALLENGE = 60;
    public static final int NAS_PORT_TYPE = 61;
    public static final int MESSAGE_AUTHENTICATOR = 80;

    /** NAS-Port-Type value for Ethernet (RFC 2865). */
    public static final int PORT_TYPE_ETHERNET = 15;
    public static final int MAX_VALUE = 253;

    public RadiusAttribute {
        if (type < 1 || type > 255) {
            throw new IllegalArgumentException("attribute type out of range: " + type);
        }
        if (value.length > MAX_VALUE) {
            throw new IllegalArgumentException("attribute " + type + " value longer than 253 octets");
        }
        value = value.clone();
    }

    public static RadiusAttribute text(int type, String text) {
        return new RadiusAttribute(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public static RadiusAttribute integer(int type, long number) {
        return new RadiusAttribute(type, new byte[] {
                (byte) (number >>> 24), (byte) (number >>> 16), (byte) (number >>> 8), (byte) number});
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public String asText() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The value as an unsigned 32-bit integer, or -1 if it is not 4 octets long. */
    public long asInteger() {
        if (value.length != 4) {
            return -1;
        }
        return ((value[0] & 0xffL) << 24) | ((value[1] & 0xffL) << 16) | ((value[2] & 0xffL) << 8) | (value[3] & 0xffL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RadiusAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RadiusAttribute[" + type + ", " + value.length + " octets]";
    }
}
