package macserver.json;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Compact JSON text, written as Jackson wrote it so that clients see the same bytes: no spaces,
 * members in order, {@code "}, {@code \} and control characters escaped ({@code \b \t \n \f \r},
 * the others as {@code \}{@code u00XX} in upper-case hex), everything else as itself. Two forms,
 * because the firmware used Jackson's two: {@link #utf8} (REST, the API, the fleet) also escapes
 * every surrogate, so a supplementary character goes out as two escapes and the bytes are UTF-8
 * even for a broken string; {@link #text} (MQTT's answers and events) leaves them as they are.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out = new StringBuilder();
    private final boolean escapeSurrogates;

    private JsonWriter(boolean escapeSurrogates) {
        this.escapeSurrogates = escapeSurrogates;
    }

    /** The JSON text, characters outside the Basic Multilingual Plane as themselves. */
    public static String text(JsonValue value) {
        JsonWriter w = new JsonWriter(false);
        w.value(value);
        return w.out.toString();
    }

    /** The JSON text in UTF-8, surrogates escaped: pure ASCII but for BMP characters above U+007F. */
    public static byte[] utf8(JsonValue value) {
        JsonWriter w = new JsonWriter(true);
        w.value(value);
        return w.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void value(JsonValue value) {
        switch (value) {
            case JsonObject o -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(e.getKey());
                    out.append(':');
                    value(e.getValue());
                }
                out.append('}');
            }
            case JsonArray a -> {
                out.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    value(a.get(i));
                }
                out.append(']');
            }
            case JsonString s -> string(s.value());
            case JsonNumber n -> out.append(n.literal());
            case JsonBoolean b -> out.append(b.value() ? "true" : "false");
            case JsonNull n -> out.append("null");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || (escapeSurrogates && Character.isSurrogate(c))) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
