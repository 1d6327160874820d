package macserver.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {
    private static JsonValue parse(String s) throws JsonException {
        return JsonParser.parse(s);
    }

    private static JsonException refused(String s) {
        return assertThrows(JsonException.class, () -> parse(s), s);
    }

    @Test
    void readsEveryKindOfValueKeepingMemberOrder() throws JsonException {
        JsonObject o = assertInstanceOf(JsonObject.class,
                parse(" {\"z\":1, \"a\":[true,false,null], \"m\":{\"s\":\"x\"}, \"n\":-1.5e+3}\r\n"));
        assertEquals(List.of("z", "a", "m", "n"), List.copyOf(o.names()));
        assertEquals(new JsonNumber("1"), o.get("z"));
        assertEquals(new JsonArray().add(JsonBoolean.TRUE).add(JsonBoolean.FALSE).add(JsonNull.NULL), o.get("a"));
        assertEquals("x", ((JsonObject) o.get("m")).string("s"));
        assertEquals("-1.5e+3", ((JsonNumber) o.get("n")).literal());
        assertEquals(new JsonString(""), parse("\"\""));
        assertEquals(new JsonArray(), parse("[ ]"));
        assertEquals(new JsonObject(), parse("{ }"));
    }

    @Test
    void unescapesStrings() throws JsonException {
        assertEquals(new JsonString("\"\\/\b\f\n\r\t"), parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
        assertEquals(new JsonString("\u00e9\u20ac"), parse("\"\\u00E9\\u20aC\""));
        assertEquals(new JsonString("\uD83D\uDE00"), parse("\"\\uD83D\\uDE00\""));
        assertEquals(new JsonString("\uD83D\uDE00\u00e9"), parse("\"\uD83D\uDE00\u00e9\""));
        assertEquals(new JsonString("\u0000\u007f"), parse("\"\\u0000\u007f\""));
    }

    /** Jackson took an escaped half of a pair as that character, and so do we: refusing is the reader's call. */
    @Test
    void takesAnUnpairedSurrogateEscapeAsItStands() throws JsonException {
        assertEquals(new JsonString("\uD800"), parse("\"\\ud800\""));
        assertEquals(new JsonString("\uDC00x"), parse("\"\\udc00x\""));
        assertEquals(new JsonString("a\uD83Db"), parse("\"a\\uD83Db\""));
    }

    @Test
    void readsNumbersAsTheirText() throws JsonException {
        JsonNumber big = (JsonNumber) parse("123456789012345678901234567890");
        assertTrue(big.isIntegral());
        assertFalse(big.fitsLong());
        assertEquals("123456789012345678901234567890", big.integerText());
        assertEquals(Long.MIN_VALUE, ((JsonNumber) parse("-9223372036854775808")).longValue());
        assertFalse(((JsonNumber) parse("9223372036854775808")).fitsLong());
        assertEquals("0", ((JsonNumber) parse("-0")).integerText());
        assertFalse(((JsonNumber) parse("1.0")).isIntegral());
        assertFalse(((JsonNumber) parse("1E2")).isIntegral());
        assertFalse(((JsonNumber) parse("1e2")).fitsLong());
        assertEquals("1" + "0".repeat(999), ((JsonNumber) parse("1" + "0".repeat(999))).literal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{", "[", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\" 1}", "{a:1}",
        "{'a':1}", "'a'", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\", "\"a\tb\"", "\"a\nb\"", "nul", "truex",
        "True", "NaN", "Infinity", "-Infinity", "01", "-01", "+1", ".5", "1.", "1.e5", "1e", "1e+", "-", "--1", "0x10",
        "{\"a\":1}x", "{\"a\":1}{}", "1 2", "[1 2]", "{\"a\":1 \"b\":2}", "[1]]", "{\"a\":1}}", "{\"a\":1 /*c*/}",
        "// c\n1", "\u00a01", "\f1", "[\u000b]", "\"\\u00e9\"x", "\uFEFF{}", "{\"a\":1,\"a\":2}", "{\"a\":{},\"a\":{}}"})
    void refusesWhatIsNotOneStrictJsonValue(String s) {
        refused(s);
    }

    @Test
    void saysWhatAndWhere() {
        JsonException e = refused("{\"menu\":");
        assertEquals("unexpected end of input, expecting a value", e.reason());
        assertEquals(1, e.line());
        assertEquals(9, e.column());
        e = refused("{\n  \"a\": 01}");
        assertEquals("leading zero in a number", e.reason());
        assertEquals(2, e.line());
        assertEquals(9, e.column());
        e = refused("{\"a\":1}\r\n{}");
        assertEquals("unexpected '{' after the JSON value", e.reason());
        assertEquals(2, e.line());
        assertEquals(1, e.column());
        assertEquals("unexpected '{' after the JSON value at line 2 column 1", e.getMessage());
        assertEquals("invalid escape \\\"x\"", refused("\"\\x\"").reason());
        assertEquals("unescaped control character character U+0009 in a string", refused("\"a\tb\"").reason());
        assertEquals("duplicate member name \"id\"", refused("{\"id\":1,\"id\":2}").reason());
        assertEquals("unknown word \"nul\", expecting a value", refused("nul").reason());
    }

    @Test
    void limitsNesting() throws JsonException {
        String ok = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        assertInstanceOf(JsonArray.class, parse(ok));
        String mixed = "{\"a\":[".repeat(JsonParser.MAX_DEPTH / 2) + "]}".repeat(JsonParser.MAX_DEPTH / 2);
        assertInstanceOf(JsonObject.class, parse(mixed));
        assertEquals("nested deeper than 64 arrays and objects",
                refused("[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1)).reason());
        // A peer's megabyte of brackets is refused at the limit, not by the stack.
        assertEquals("nested deeper than 64 arrays and objects", refused("[".repeat(1_000_000)).reason());
        assertEquals("nested deeper than 64 arrays and objects", refused("{\"a\":".repeat(100_000)).reason());
    }

    @Test
    void aNumberIsOnlyMadeFromAJsonNumber() {
        for (String bad : new String[] {"", "01", "+1", "1.", ".5", "1e", "NaN", "0x1", "1 "}) {
            assertThrows(IllegalArgumentException.class, () -> new JsonNumber(bad), bad);
        }
        assertEquals("-0.5E+7", new JsonNumber("-0.5E+7").toString());
    }

    @Test
    void limitsTheNumberOfValues() throws JsonException {
        String full = "[" + "0,".repeat(JsonParser.MAX_VALUES - 2) + "{}]";
        assertEquals(JsonParser.MAX_VALUES - 1, ((JsonArray) parse(full)).size());
        JsonException e = refused("[" + "0,".repeat(JsonParser.MAX_VALUES - 1) + "0]");
        assertEquals("more than 10000 values", e.reason());
        assertEquals(2 + 2 * (JsonParser.MAX_VALUES - 1), e.column());
        StringBuilder members = new StringBuilder("{");
        for (int i = 0; i < JsonParser.MAX_VALUES; i++) {
            members.append('"').append(i).append("\":0,");
        }
        assertEquals("more than 10000 values", refused(members.append("\"x\":0}").toString()).reason());
        // A megabyte of zeros, as a REST body can be, is refused before it is half a million objects.
        assertEquals("more than 10000 values", refused("[" + "0,".repeat(524_286) + "0]").reason());
    }

    @Test
    void limitsTheLengthOfANumber() {
        assertEquals("number longer than 1000 characters", refused("1" + "0".repeat(1000)).reason());
        assertEquals("number longer than 1000 characters", refused("[0." + "5".repeat(1000) + "]").reason());
    }

    @Test
    void readsUtf8BytesStrictly() throws JsonException {
        assertEquals(new JsonObject().put("a", "\u00e9"), JsonParser.parse("{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new JsonObject(), JsonParser.parse("\uFEFF{}".getBytes(StandardCharsets.UTF_8)));
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse(new byte[] {'"', (byte) 0xC3, '"'}));
        assertEquals("invalid UTF-8", e.reason());
        assertEquals(2, e.column());
        e = assertThrows(JsonException.class, () -> JsonParser.parse(new byte[] {'{', '\n', '"', 'a', (byte) 0xE9, '"'}));
        assertEquals("invalid UTF-8 at line 2 column 3", e.getMessage());
        // A surrogate encoded as if it were a character is not UTF-8 either.
        assertThrows(JsonException.class, () -> JsonParser.parse(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}));
    }
}
