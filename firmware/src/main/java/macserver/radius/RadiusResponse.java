package macserver.radius;

import java.util.List;

/** A verified answer to an Access-Request. */
public record RadiusResponse(int code, List<RadiusAttribute> attributes) {
    public static final int ACCESS_ACCEPT = 2;
    public static final int ACCESS_REJECT = 3;
    public static final int ACCESS_CHALLENGE = 11;

    public RadiusResponse {
        attributes = List.copyOf(attributes);
    }

    public boolean accepted() {
        return code == ACCESS_ACCEPT;
    }

    /** The first attribute of this type, or null. */
    public RadiusAttribute first(int type) {
        for (RadiusAttribute a : attributes) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }

    /**
     * The value of the first vendor-specific sub-attribute {@code type} of {@code vendor} (RFC 2865
     * 5.26, with the usual one-octet type and length), or null. Malformed Vendor-Specific values
     * are skipped.
     */
    public byte[] vendorAttribute(long vendor, int type) {
        for (RadiusAttribute a : attributes) {
            if (a.type() != RadiusAttribute.VENDOR_SPECIFIC) {
                continue;
            }
            byte[] v = a.value();
            if (v.length < 4 || (((v[0] & 0xffL) << 24) | ((v[1] & 0xffL) << 16) | ((v[2] & 0xffL) << 8) | (v[3] & 0xffL)) != vendor) {
                continue;
            }
            for (int at = 4; at + 2 <= v.length; ) {
                int length = v[at + 1] & 0xff;
                if (length < 2 || at + length > v.length) {
                    break;
                }
                if ((v[at] & 0xff) == type) {
                    return java.util.Arrays.copyOfRange(v, at + 2, at + length);
                }
                at += length;
            }
        }
        return null;
    }
}
