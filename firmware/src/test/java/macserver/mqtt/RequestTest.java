package macserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTest {
    private static Request parse(String s) throws Request.MalformedException {
        return Request.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String s) {
        return assertThrows(Request.MalformedException.class, () -> parse(s)).getMessage();
    }

    @Test
    void textIsConsoleLines() throws Exception {
        Request r = parse("/ip mac-server\nadd name=a\r\n\n");
        assertEquals(List.of("/ip mac-server", "add name=a"), r.lines());
        assertFalse(r.json());
    }

    @Test
    void jsonOperationBecomesOneQuotedLine() throws Exception {
        Request r = parse("{\"id\":\"r1\",\"menu\":\"/ip mac-server binding\",\"command\":\"add\","
                + "\"arguments\":{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"my \\\"x\\\" $s\",\"disabled\":false}}");
        assertEquals(List.of("/ip/mac-server/binding add mac-address=\"00:01:02:03:04:05\" server=\"my \\\"x\\\" \\$s\""
                + " disabled=\"no\""), r.lines());
        assertTrue(r.json());
        assertEquals("r1", r.id());
    }

    @Test
    void numbersArePositional() throws Exception {
        assertEquals(List.of("/ip/mac-server set my-mac-server default=\"yes\""),
                parse("{\"menu\":\"ip mac-server\",\"command\":\"set\",\"arguments\":{\"numbers\":\"my-mac-server\","
                        + "\"default\":true}}").lines());
    }

    @Test
    void jsonLine() throws Exception {
        Request r = parse("{\"line\":\"/ip mac-server print\",\"id\":7}");
        assertEquals(List.of("/ip mac-server print"), r.lines());
        assertEquals("7", r.id());
    }

    @Test
    void malformedPayloadsAreRefusedWithAReason() {
        assertEquals("failure: malformed request (bad JSON at line 1 column 9)", refusal("{\"menu\":"));
        // As many brackets as 16 KiB holds: refused at the depth limit, at the 64th (the object is level 1).
        assertEquals("failure: malformed request (bad JSON at line 1 column 105)",
                refusal("{\"menu\":\"ip\",\"command\":\"add\",\"arguments\":" + "[".repeat(16_000)));
        assertTrue(refusal("{\"menu\":\"ip;x\",\"command\":\"add\"}").contains("menu"));
        assertTrue(refusal("{\"menu\":\"ip\",\"command\":\"add\",\"arguments\":[1]}").contains("arguments"));
        assertTrue(refusal("{\"menu\":\"ip\",\"command\":\"add\",\"arguments\":{\"a\":{}}}").contains("argument a"));
        assertTrue(refusal("{\"menu\":\"ip\",\"command\":\"add\",\"extra\":1}").contains("unknown field extra"));
        assertTrue(refusal("{\"id\":1,\"id\":2,\"line\":\"x\"}").contains("bad JSON"));
        assertTrue(refusal("  \n ").contains("empty"));
        assertTrue(refusal("/ip\u0001").contains("control character"));
        assertTrue(refusal("x".repeat(Request.MAX_BYTES + 1)).contains("larger"));
        assertTrue(assertThrows(Request.MalformedException.class,
                () -> Request.parse(new byte[] {(byte) 0xC3, 0x28})).getMessage().contains("UTF-8"));
    }
}
