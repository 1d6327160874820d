package macserver.display;

import java.nio.charset.StandardCharsets;

/**
 * Text from outside (a neighbour's identity, a user name off the wire, a comment) made safe to
 * put on a terminal or into a log line. Control characters would otherwise reach the reader's
 * terminal as commands (ESC sequences clear the screen or recolour it, CR/LF forge lines) and
 * bidirectional controls reorder what is shown (Trojan Source); they are written in RouterOS's
 * {@code \XX} notation instead: {@code \n}, {@code \r}, {@code \t}, else the character's UTF-8
 * bytes in two capital hex digits each ({@code \1B}, {@code \E2\80\AE}).
 */
public final class DisplayText {
    private DisplayText() {
    }

    /** {@code text} with every unsafe character escaped; the same instance when there is none. */
    public static String escape(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (!isUnsafe(text, i)) {
                sb.appendCodePoint(cp);
            } else {
                appendEscaped(sb, text.charAt(i), cp, n);
            }
            i += n;
        }
        return sb.toString();
    }

    /** True when {@code text} holds a character {@link #escape} would rewrite. */
    public static boolean hasUnsafe(String text) {
        return firstUnsafe(text) >= 0;
    }

    /**
     * C0 and C1 controls and DEL, bidirectional formatting characters, and halves of surrogate
     * pairs that have no other half (they are no character at all, and encoders replace them
     * differently).
     */
    public static boolean isUnsafe(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return Character.isISOControl(c) || isBidiControl(c);
    }

    /** The explicit bidirectional formatting characters of Unicode's UAX #9. */
    public static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text, i)) {
                return i;
            }
        }
        return -1;
    }

    private static void appendEscaped(StringBuilder sb, char c, int cp, int n) {
        switch (c) {
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (Character.isSurrogate(c)) {
                    // A lone half has no UTF-8 form; show the code unit itself.
                    sb.append(String.format("\\u%04X", (int) c));
                } else if (cp < 0x100) {
                    // RouterOS shows a byte, and Lexer reads \XX back as this character.
                    sb.append(String.format("\\%02X", cp));
                } else {
                    for (byte b : new String(Character.toChars(cp), 0, n).getBytes(StandardCharsets.UTF_8)) {
                        sb.append(String.format("\\%02X", b & 0xFF));
                    }
                }
            }
        }
    }
}
