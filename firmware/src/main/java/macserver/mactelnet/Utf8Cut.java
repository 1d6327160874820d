package macserver.mactelnet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** UTF-8 bytes of a string cut to a byte limit without splitting a character. */
final class Utf8Cut {

    private Utf8Cut() {
    }

    static byte[] cut(String value, int maxBytes) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= maxBytes) {
            return utf8;
        }
        int end = maxBytes;
        // Step back over continuation bytes (10xxxxxx) to the start of the character that did not fit.
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return Arrays.copyOf(utf8, end);
    }
}
