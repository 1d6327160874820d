package macserver.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random inputs against Jackson, configured as the firmware configured it before it had a parser of
 * its own: both must accept the same texts and read the same values, and write the same bytes.
 * Jackson is a test dependency only, kept as the reference.
 */
class JsonReferenceTest {
    private static final ObjectMapper JACKSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    private static final String[] PIECES = {"{", "}", "[", "]", ":", ",", " ", "\"", "\"a\"", "\"b\"", "\\", "\\u",
        "\\n", "\\\"", "00", "0", "1", "9", "-", "+", ".", "e", "E", "true", "false", "null", "tru", "x", "\t", "\n",
        "\r", "\u0001", "\u00e9", "\uD83D", "\uDE00", "D800", "dc00", "/", "*", "'", "\u00a0", "\uFEFF"};
    private static final String[] DOCUMENTS = {
        "{\"menu\":\"ip mac-server\",\"command\":\"print\",\"arguments\":{\"numbers\":0,\"disabled\":true}}",
        "{\"mac-address\":\"00:11:22:33:44:55\",\"deleted\":true,\"timestamp\":1764300000000,\"publisher\":\"e\"}",
        "[{\".id\":\"*1\",\"comment\":null},{\"a\":[1.5,-2e10,\"\\u00e9\\ud83d\\ude00\"]}]",
        "{\".proplist\":\".id,name\",\".query\":[\"name=x\",\"#|\"]}"};

    @Test
    void acceptsAndReadsWhatJacksonDid() {
        Random random = new Random(8259);
        int accepted = 0;
        for (int i = 0; i < 40_000; i++) {
            String text = i % 2 == 0 ? pieces(random) : mutation(random);
            accepted += compare(text) ? 1 : 0;
        }
        for (String d : DOCUMENTS) {
            assertEquals(true, compare(d), d);
        }
        // The inputs must reach both sides of the decision, not only the errors.
        assertEquals(true, accepted > 2_000, accepted + " of 40,000 accepted");
    }

    @Test
    void writesTheBytesJacksonWrote() throws Exception {
        Random random = new Random(20);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                s.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : random.nextInt(0x100)));
            }
            long n = random.nextLong();
            boolean b = random.nextBoolean();
            JsonObject ours = new JsonObject().put(s.toString(), s.toString()).put("n", n).put("b", b).putNull("z");
            ObjectNode theirs = JACKSON.createObjectNode().put(s.toString(), s.toString()).put("n", n).put("b", b);
            theirs.putNull("z");
            assertEquals(new String(JACKSON.writeValueAsBytes(theirs), StandardCharsets.ISO_8859_1),
                    new String(JsonWriter.utf8(ours), StandardCharsets.ISO_8859_1), s.toString());
            assertEquals(theirs.toString(), ours.toString(), s.toString());
        }
    }

    private static String pieces(Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(14); n > 0; n--) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private static String mutation(Random random) {
        StringBuilder s = new StringBuilder(DOCUMENTS[random.nextInt(DOCUMENTS.length)]);
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(s.length());
            String piece = PIECES[random.nextInt(PIECES.length)];
            switch (random.nextInt(3)) {
                case 0 -> s.insert(at, piece);
                case 1 -> s.deleteCharAt(at);
                default -> s.replace(at, at + 1, piece);
            }
        }
        return s.toString();
    }

    /** True if both accepted {@code text}. */
    private static boolean compare(String text) {
        JsonNode theirs;
        try {
            theirs = JACKSON.readTree(text);
        } catch (JsonProcessingException e) {
            theirs = null;
        }
        if (theirs != null && theirs.isMissingNode()) {
            theirs = null; // Jackson reads empty input as "nothing"; every caller refused that.
        }
        JsonValue ours;
        try {
            ours = JsonParser.parse(text);
        } catch (JsonException e) {
            ours = null;
        }
        if ((theirs == null) != (ours == null)) {
            fail((theirs == null ? "Jackson refused, we accepted: " : "Jackson accepted, we refused: ") + escaped(text));
        }
        if (ours != null) {
            assertSame(theirs, ours, text);
        }
        return ours != null;
    }

    private static void assertSame(JsonNode theirs, JsonValue ours, String text) {
        String where = escaped(text);
        switch (ours) {
            case JsonObject o -> {
                assertEquals(true, theirs.isObject(), where);
                assertEquals(theirs.size(), o.size(), where);
                Iterator<Map.Entry<String, JsonNode>> it = theirs.properties().iterator();
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    Map.Entry<String, JsonNode> t = it.next();
                    assertEquals(t.getKey(), e.getKey(), where);
                    assertSame(t.getValue(), e.getValue(), text);
                }
            }
            case JsonArray a -> {
                assertEquals(true, theirs.isArray(), where);
                assertEquals(theirs.size(), a.size(), where);
                for (int i = 0; i < a.size(); i++) {
                    assertSame(theirs.get(i), a.get(i), text);
                }
            }
            case JsonString s -> assertEquals(theirs.textValue(), s.value(), where);
            case JsonNumber n -> {
                assertEquals(theirs.isIntegralNumber(), n.isIntegral(), where);
                if (n.isIntegral()) {
                    assertEquals(theirs.asText(), n.integerText(), where);
                    assertEquals(theirs.canConvertToLong(), n.fitsLong(), where);
                } else {
                    assertEquals(theirs.doubleValue(), Double.parseDouble(n.literal()), where);
                }
            }
            case JsonBoolean b -> assertEquals(theirs.isBoolean() && theirs.booleanValue() == b.value(), true, where);
            case JsonNull x -> assertEquals(true, theirs.isNull(), where);
        }
    }

    private static String escaped(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            s.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return s.toString();
    }
}
