package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real login kept as a fixture: mactelnet 0.6.1 (EC-SRP5) against this firmware, captured with
 * tcpdump in the client's network namespace (src/test/resources/.../login-0.6.1-ecsrp5.pcap).
 * Every packet is fed through the codec, and the login must read as the fact sheet's worked
 * message order (section 4.4), with byte counters that add up in both directions.
 */
class CapturedLoginReplayTest {
    private record Packet(boolean fromClient, ByteBuffer payload) {}

    private static List<Packet> packets() throws IOException {
        byte[] file;
        try (InputStream in = CapturedLoginReplayTest.class.getResourceAsStream("login-0.6.1-ecsrp5.pcap")) {
            assertNotNull(in, "fixture missing");
            file = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(0), "classic little-endian pcap");
        List<Packet> out = new ArrayList<>();
        int at = 24;
        while (at + 16 <= file.length) {
            int captured = b.getInt(at + 8);
            ByteBuffer frame = ByteBuffer.wrap(file, at + 16, captured).slice();
            at += 16 + captured;
            int ihl = (frame.get(14) & 0x0F) * 4;
            int udp = 14 + ihl;
            int dport = frame.getShort(udp + 2) & 0xFFFF;
            int udpLength = frame.getShort(udp + 4) & 0xFFFF;
            out.add(new Packet(dport == MtHeader.PORT, frame.slice(udp + 8, udpLength - 8)));
        }
        return out;
    }

    @Test
    void theCapturedLoginDecodesInTheDocumentedOrder() throws IOException {
        List<Packet> packets = packets();
        assertTrue(packets.size() > 10, "packets: " + packets.size());
        MtHeader h = new MtHeader();
        ControlBlockReader blocks = new ControlBlockReader();
        Map<Boolean, Integer> nextCounter = new HashMap<>(Map.of(true, 0, false, 0));
        List<String> story = new ArrayList<>();
        int sessionKey = -1;
        for (Packet p : packets) {
            Direction dir = p.fromClient() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            assertEquals(MtDecodeResult.OK, MtPacketDecoder.decode(p.payload().duplicate(), dir, h));
            if (sessionKey < 0) {
                sessionKey = h.sessionKey;
            }
            assertEquals(sessionKey, h.sessionKey, "one session");
            String who = p.fromClient() ? "C" : "S";
            if (h.type == MtPacketType.DATA) {
                int expected = nextCounter.get(p.fromClient());
                if (h.counter == expected) {
                    nextCounter.put(p.fromClient(), expected + h.payloadLength);
                } else {
                    // Only a retransmission may repeat an earlier counter; nothing may skip ahead.
                    assertTrue(Integer.compareUnsigned(h.counter, expected) < 0, who + " DATA skipped ahead");
                    continue;
                }
                blocks.reset(p.payload(), h.payloadOffset, h.payloadLength);
                StringBuilder s = new StringBuilder(who + " DATA");
                while (blocks.next()) {
                    s.append(' ').append(blocks.type() == ControlType.PLAINDATA ? "text" : blocks.type() + ":" + blocks.valueLength());
                    if (blocks.type() == ControlType.USERNAME) {
                        assertEquals("admin", new String(blocks.copyValue(64), StandardCharsets.UTF_8));
                    }
                    if (blocks.type() == ControlType.PLAINDATA) {
                        break;
                    }
                }
                story.add(s.toString());
            } else {
                story.add(who + " " + switch (h.type) {
                    case MtPacketType.SESSIONSTART -> "START";
                    case MtPacketType.ACK -> "ACK";
                    case MtPacketType.END -> "END";
                    default -> "type" + h.type;
                });
            }
        }
        String all = String.join("\n", story);
        int start = story.indexOf("C START");
        int auth = story.indexOf("C DATA 0:0 1:39");
        int salt = story.indexOf("S DATA 1:49");
        int proof = story.indexOf("C DATA 2:32 3:5 4:5 5:2 6:2");
        int endAuth = story.indexOf("S DATA 9:0");
        assertTrue(start == 0, all);
        assertTrue(auth > start && salt > auth && proof > salt && endAuth > proof, all);
        assertTrue(story.subList(endAuth + 1, story.size()).contains("S DATA text"), "shell output after login:\n" + all);
        assertTrue(story.contains("S END") || story.contains("C END"), all);
    }
}
