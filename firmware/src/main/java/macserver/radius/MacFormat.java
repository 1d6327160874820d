package macserver.radius;

import java.util.Arrays;
import java.util.List;

/**
 * How a MAC is written into User-Name and User-Password: RouterOS's {@code radius-mac-format}
 * choices, upper case, each {@code X} a hex digit and every other character a literal separator.
 */
public enum MacFormat {
    COLONS("XX:XX:XX:XX:XX:XX"),
    COLON_PAIRS("XXXX:XXXX:XXXX"),
    COLON_HALVES("XXXXXX:XXXXXX"),
    DASHES("XX-XX-XX-XX-XX-XX"),
    DASH_HALVES("XXXXXX-XXXXXX"),
    PLAIN("XXXXXXXXXXXX"),
    SPACES("XX XX XX XX XX XX");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private final String pattern;

    MacFormat(String pattern) {
        this.pattern = pattern;
    }

    public String pattern() {
        return pattern;
    }

    /** The patterns, as the configuration offers them. */
    public static List<String> patterns() {
        return Arrays.stream(values()).map(MacFormat::pattern).toList();
    }

    public static MacFormat ofPattern(String pattern) {
        for (MacFormat f : values()) {
            if (f.pattern.equals(pattern)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown MAC format " + pattern);
    }

    /** {@code mac} is the 48-bit address in the low bits, first octet highest. */
    public String format(long mac) {
        char[] out = pattern.toCharArray();
        int nibble = 11;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 'X') {
                out[i] = HEX[(int) (mac >>> (4 * nibble)) & 0xF];
                nibble--;
            }
        }
        return new String(out);
    }
}
