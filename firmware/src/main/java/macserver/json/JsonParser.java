package macserver.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A strict RFC 8259 parser for one JSON value, with the limits a remote peer meets:
 * <ul>
 * <li>nothing but whitespace may follow the value; no comments, single quotes, trailing commas,
 *     {@code NaN} or leading zeros;
 * <li>a name twice in one object is an error (a peer must not have one reader see the first
 *     value and another the last);
 * <li>at most {@value #MAX_DEPTH} nested arrays and objects, so input cannot exhaust the stack;
 * <li>at most {@value #MAX_VALUES} values in all (arrays, objects and scalars): the API's 4,096
 *     words fit, while a 1 MiB REST body of {@code [0,0,...]} would otherwise be half a million
 *     objects, 34 MB of heap where the router has 24 MiB;
 * <li>a number of at most {@value #MAX_NUMBER_LENGTH} characters (Jackson's limit), kept as text;
 * <li>{@code \}{@code uD800} alone is taken as that unpaired surrogate, as Jackson did: a string
 *     check further on (a name's characters) refuses it where it matters.
 * </ul>
 * The input itself is capped by the callers (REST's 1 MiB body limit, 16 KiB for MQTT requests,
 * 1 KiB for fleet messages); strings and names are at most the input's length.
 */
public final class JsonParser {
    public static final int MAX_DEPTH = 64;
    public static final int MAX_VALUES = 10_000;
    public static final int MAX_NUMBER_LENGTH = 1000;

    private final String in;
    private int pos;
    private int values;

    private JsonParser(String in) {
        this.in = in;
    }

    public static JsonValue parse(String text) throws JsonException {
        JsonParser p = new JsonParser(text);
        p.skipSpace();
        if (p.pos == text.length()) {
            throw p.error("no JSON value", p.pos);
        }
        JsonValue v = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.describe(p.pos) + " after the JSON value", p.pos);
        }
        return v;
    }

    /** UTF-8 input; a byte order mark at its start is skipped, as Jackson skipped it. */
    public static JsonValue parse(byte[] utf8) throws JsonException {
        String text;
        ByteBuffer in = ByteBuffer.wrap(utf8);
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the bad sequence; what comes before it is UTF-8 and tells where.
            String before = new String(utf8, 0, in.position(), StandardCharsets.UTF_8);
            throw new JsonParser(before).error("invalid UTF-8", before.length());
        }
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private JsonValue value(int depth) throws JsonException {
        if (pos == in.length()) {
            throw error("unexpected end of input, expecting a value", pos);
        }
        if (++values > MAX_VALUES) {
            throw error("more than " + MAX_VALUES + " values", pos);
        }
        char c = in.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> new JsonString(string());
            case 't' -> word("true", JsonBoolean.TRUE);
            case 'f' -> word("false", JsonBoolean.FALSE);
            case 'n' -> word("null", JsonNull.NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected " + describe(pos) + ", expecting a value", pos);
            }
        };
    }

    private JsonObject object(int depth) throws JsonException {
        checkDepth(depth);
        pos++;
        JsonObject o = new JsonObject();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return o;
        }
        while (true) {
            if (peek() != '"') {
                throw error("unexpected " + describe(pos) + ", expecting a member name in double quotes", pos);
            }
            String name = string();
            if (o.has(name)) {
                throw error("duplicate member name " + printable(name), pos);
            }
            skipSpace();
            expect(':', "':' after a member name");
            skipSpace();
            o.put(name, value(depth));
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() == '}') {
                pos++;
                return o;
            } else {
                throw error("unexpected " + describe(pos) + ", expecting ',' or '}' in an object", pos);
            }
        }
    }

    private JsonArray array(int depth) throws JsonException {
        checkDepth(depth);
        pos++;
        JsonArray a = new JsonArray();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return a;
        }
        while (true) {
            a.add(value(depth));
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() == ']') {
                pos++;
                return a;
            } else {
                throw error("unexpected " + describe(pos) + ", expecting ',' or ']' in an array", pos);
            }
        }
    }

    private void checkDepth(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " arrays and objects", pos);
        }
    }

    /** The string at {@code pos} (its opening quote), unescaped. */
    private String string() throws JsonException {
        pos++;
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos == in.length()) {
                throw error("unexpected end of input in a string", pos);
            }
            char c = in.charAt(pos);
            if (c == '"') {
                String s = sb == null ? in.substring(start, pos) : sb.append(in, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error("unescaped control character " + describe(pos) + " in a string", pos);
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(in, start, pos);
            sb.append(escape());
            start = pos;
        }
    }

    /** The escape at {@code pos} (its backslash); moves past it. */
    private char escape() throws JsonException {
        if (pos + 1 == in.length()) {
            throw error("unexpected end of input in a string", pos + 1);
        }
        char e = in.charAt(pos + 1);
        pos += 2;
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    if (pos == in.length()) {
                        throw error("unexpected end of input in a \\u escape", pos);
                    }
                    int d = Character.digit(in.charAt(pos), 16);
                    if (d < 0 || in.charAt(pos) > 'f') {
                        throw error("invalid " + describe(pos) + " in a \\u escape (4 hex digits)", pos);
                    }
                    v = v << 4 | d;
                    pos++;
                }
                yield (char) v;
            }
            default -> throw error("invalid escape \\" + printable(String.valueOf(e)), pos - 1);
        };
    }

    private JsonNumber number() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in a number", pos);
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("unexpected " + describe(pos) + ", expecting a digit", pos);
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("unexpected " + describe(pos) + ", expecting a digit after '.'", pos);
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("unexpected " + describe(pos) + ", expecting a digit in the exponent", pos);
            }
            digits();
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw error("number longer than " + MAX_NUMBER_LENGTH + " characters", start);
        }
        return new JsonNumber(in.substring(start, pos));
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private JsonValue word(String word, JsonValue value) throws JsonException {
        if (!in.startsWith(word, pos)) {
            int end = pos;
            while (end < in.length() && Character.isLetterOrDigit(in.charAt(end)) && end - pos < 32) {
                end++;
            }
            throw error("unknown word " + printable(in.substring(pos, end)) + ", expecting a value", pos);
        }
        pos += word.length();
        return value;
    }

    private void expect(char c, String what) throws JsonException {
        if (peek() != c) {
            throw error("unexpected " + describe(pos) + ", expecting " + what, pos);
        }
        pos++;
    }

    /** The character at {@code pos}, or -1 at the end. */
    private int peek() {
        return pos < in.length() ? in.charAt(pos) : -1;
    }

    /** JSON's four whitespace characters; any other control character is an error where it stands. */
    private void skipSpace() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describe(int at) {
        if (at >= in.length()) {
            return "end of input";
        }
        char c = in.charAt(at);
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }

    /** Text from the input, quoted and with control characters shown as escapes, for a message. */
    private static String printable(String s) {
        return new JsonString(s).toString();
    }

    /** An error at character {@code at}; lines end at \n, \r or \r\n, as Jackson counted them. */
    private JsonException error(String reason, int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == in.length() || in.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonException(reason, line, at - lineStart + 1);
    }
}
