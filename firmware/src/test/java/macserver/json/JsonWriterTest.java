package macserver.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesCompactlyInMemberOrder() {
        JsonObject o = new JsonObject().put("z", "a").put("n", -5L).put("b", true).putNull("x")
                .put("l", new JsonArray().add("1").add(new JsonObject())).put("s", (String) null);
        o.put("z", "again");
        assertEquals("{\"z\":\"again\",\"n\":-5,\"b\":true,\"x\":null,\"l\":[\"1\",{}],\"s\":null}", o.toString());
        assertEquals(o.toString(), new String(JsonWriter.utf8(o), StandardCharsets.UTF_8));
    }

    @Test
    void escapesAsJacksonDid() {
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            ascii.append(c);
        }
        assertEquals("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F"
                + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D"
                + "\\u001E\\u001F !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`"
                + "abcdefghijklmnopqrstuvwxyz{|}~\u007f\"", new JsonString(ascii.toString()).toString());
    }

    /** The two forms differ only in surrogates: escaped in {@code utf8}, as they are in {@code text}. */
    @Test
    void surrogatesAreEscapedInTheUtf8FormOnly() {
        JsonString s = new JsonString("\u00e9\u2028\uFEFF\uD83D\uDE00|\uD83D|\uDE00");
        assertEquals("\"\u00e9\u2028\uFEFF\\uD83D\\uDE00|\\uD83D|\\uDE00\"", new String(JsonWriter.utf8(s), StandardCharsets.UTF_8));
        assertEquals("\"\u00e9\u2028\uFEFF\uD83D\uDE00|\uD83D|\uDE00\"", s.toString());
        // What MQTT sends: the text's UTF-8, where a lone surrogate becomes '?' (as it did with Jackson).
        assertArrayEquals("\"\u00e9\u2028\uFEFF\uD83D\uDE00|?|?\"".getBytes(StandardCharsets.UTF_8),
                s.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTrips() throws JsonException {
        String text = "{\"a\":[1,-0.5e-7,\"\\u0000\\\"\\\\\u00e9\uD83D\uDE00\",{\"b\":{}},[],true,false,null],\"\":\"\"}";
        JsonValue v = JsonParser.parse(text);
        assertEquals(text, v.toString());
        assertEquals(v, JsonParser.parse(JsonWriter.utf8(v)));
        JsonValue lone = JsonParser.parse("[\"\\uDC00\\uD800\"]");
        assertEquals(lone, JsonParser.parse(JsonWriter.utf8(lone)));
    }
}
