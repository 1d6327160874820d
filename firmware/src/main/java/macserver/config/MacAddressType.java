package macserver.config;

import java.util.Locale;
import macserver.mac.MacAddress;

/**
 * Ethernet MAC addresses of single hosts, kept as the 48-bit value in a Long. Reads
 * {@code 00:01:02:03:04:05}, {@code 00-01-02-03-04-05}, {@code 0001.0203.0405} and
 * {@code 000102030405}; prints upper-case colon form. Multicast, broadcast and all-zero
 * addresses never name a host, so they are refused.
 */
public final class MacAddressType implements ValueType {
    public static final MacAddressType INSTANCE = new MacAddressType();

    private MacAddressType() {
    }

    @Override
    public String description() {
        return "MAC address";
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        long mac = parseMac(text);
        if (mac < 0) {
            throw new ConfigException("invalid value for argument " + property);
        }
        if (mac == 0) {
            throw new ConfigException("invalid value for argument " + property + " (all-zero address)");
        }
        if ((mac & 0x0100_0000_0000L) != 0) {
            throw new ConfigException("invalid value for argument " + property
                    + (mac == 0xFFFF_FFFF_FFFFL ? " (broadcast address)" : " (multicast address)"));
        }
        return mac;
    }

    /** The 48-bit value of any accepted spelling, or -1. */
    public static long parseMac(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        String hex;
        if (s.length() == 17 && (sepEvery(s, 2, ':') || sepEvery(s, 2, '-'))) {
            hex = s.replace(":", "").replace("-", "");
        } else if (s.length() == 14 && sepEvery(s, 4, '.')) {
            hex = s.replace(".", "");
        } else if (s.length() == 12) {
            hex = s;
        } else {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < 12; i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static boolean sepEvery(String s, int group, char sep) {
        for (int i = group; i < s.length(); i += group + 1) {
            if (s.charAt(i) != sep) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String format(Object value, References refs) {
        return MacAddress.format((Long) value);
    }

    @Override
    public int compare(Object a, Object b) {
        return Long.compare((Long) a, (Long) b);
    }
}
