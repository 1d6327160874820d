package macserver.mac;

/**
 * The text form of a 48-bit MAC address held in a long, the one the whole firmware prints: upper
 * case, zero-padded pairs joined by colons ({@code 02:00:00:00:00:0A}), as RouterOS prints MACs.
 */
public final class MacAddress {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MacAddress() {
    }

    public static String format(long mac) {
        char[] text = new char[17];
        for (int i = 0, shift = 40; shift >= 0; shift -= 8, i += 3) {
            int b = (int) (mac >>> shift) & 0xFF;
            text[i] = HEX[b >>> 4];
            text[i + 1] = HEX[b & 0xF];
            if (shift > 0) {
                text[i + 2] = ':';
            }
        }
        return new String(text);
    }
}
