package macserver.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fleet message format: round trips, the last-writer-wins order, and strict refusal of anything else. */
class FleetMessageTest {
    private static final long MAC = 0x001122334455L;
    private static final long TS = 1_764_000_000_000L;

    private static FleetMessage decode(String json) throws FleetFormatException {
        return FleetMessage.decode(MAC, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bindingAndTombstoneRoundTrip() throws Exception {
        FleetMessage b = FleetMessage.binding(MAC, "guests", "deny", "desk \"4\"", TS, "edge-1");
        assertEquals(b, FleetMessage.decode(MAC, b.encode()));
        FleetMessage t = FleetMessage.tombstone(MAC, TS + 1, "edge-2");
        assertEquals(t, FleetMessage.decode(MAC, t.encode()));
        assertEquals("{\"mac-address\":\"00:11:22:33:44:55\",\"deleted\":true,\"timestamp\":1764000000001,\"publisher\":\"edge-2\"}",
                new String(t.encode(), StandardCharsets.UTF_8));
    }

    @Test
    void actionDefaultsToAllowAndCommentIsOptional() throws Exception {
        FleetMessage m = decode("{\"mac-address\":\"00-11-22-33-44-55\",\"mac-server\":\"guests\",\"timestamp\":5,\"publisher\":\"p\"}");
        assertEquals("allow", m.action());
        assertEquals(null, m.comment());
        assertFalse(m.deleted());
    }

    @Test
    void newerTimestampWinsThenPublisherThenContent() {
        FleetMessage older = FleetMessage.binding(MAC, "guests", "allow", null, TS, "zz");
        FleetMessage newer = FleetMessage.binding(MAC, "guests", "allow", null, TS + 1, "aa");
        assertTrue(newer.supersedes(older));
        assertFalse(older.supersedes(newer));
        FleetMessage a = FleetMessage.binding(MAC, "guests", "allow", null, TS, "a");
        FleetMessage b = FleetMessage.binding(MAC, "guests", "allow", null, TS, "b");
        assertTrue(b.supersedes(a));
        assertFalse(a.supersedes(b));
        FleetMessage tomb = FleetMessage.tombstone(MAC, TS, "a");
        assertTrue(tomb.supersedes(a), "same time and publisher: the removal wins, on every router alike");
        assertFalse(a.supersedes(a));
        assertTrue(a.supersedes(null));
    }

    @Test
    void malformedPayloadsAreRefusedWhole() {
        String[] bad = {
            "",
            "not json",
            "[]",
            "\"text\"",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"timestamp\":5}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"timestamp\":\"5\",\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"timestamp\":5.5,\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"timestamp\":-1,\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"timestamp\":99999999999999999999,\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:66\",\"mac-server\":\"guests\",\"timestamp\":5,\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"timestamp\":5,\"publisher\":\"a/b\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"\",\"timestamp\":5,\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"action\":\"drop\",\"timestamp\":5,\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"timestamp\":5,\"publisher\":\"p\",\"priority\":1}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"mac-server\":\"staff\",\"timestamp\":5,\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"timestamp\":5,\"publisher\":\"p\"} {}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"deleted\":true,\"mac-server\":\"guests\",\"timestamp\":5,\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"deleted\":\"yes\",\"timestamp\":5,\"publisher\":\"p\"}",
            "{\"mac-address\":\"01:11:22:33:44:55\",\"mac-server\":\"guests\",\"timestamp\":5,\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"gu\\u0007ests\",\"timestamp\":5,\"publisher\":\"p\"}",
            "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"guests\",\"comment\":\"" + "x".repeat(256)
                    + "\",\"timestamp\":5,\"publisher\":\"p\"}",
        };
        for (String json : bad) {
            assertThrows(FleetFormatException.class, () -> decode(json), json);
        }
        assertThrows(FleetFormatException.class, () -> FleetMessage.decode(MAC, new byte[FleetMessage.MAX_PAYLOAD + 1]));
        byte[] badUtf8 = "{\"mac-address\":\"00:11:22:33:44:55\",\"mac-server\":\"g\u00e9\",\"timestamp\":5,\"publisher\":\"p\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(FleetFormatException.class, () -> FleetMessage.decode(MAC, badUtf8));
    }

    @Test
    void aRouterCannotBuildWhatOthersWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> FleetMessage.binding(MAC, "guests", "allow", null, TS, "has space"));
        assertThrows(IllegalArgumentException.class, () -> FleetMessage.binding(MAC, " ", "allow", null, TS, "p"));
        assertThrows(IllegalArgumentException.class, () -> FleetMessage.tombstone(0x010000000000L, TS, "p"));
    }
}
