package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import macserver.auth.EcSrp5TestClient;
import macserver.datapath.UdpFrame;
import macserver.mactelnet.ClientSim.Payload;
import macserver.mactelnet.MacServerCounters.Counter;
import org.junit.jupiter.api.Test;

/**
 * Seeded random and mutated valid packets against a server with a live session: no internal
 * error is ever hit, the session table stays within its bounds, and the server still works after.
 */
class FuzzTest {

    @Test
    void randomAndMutatedPacketsHitNoInternalError() throws Exception {
        SessionFixture f = new SessionFixture();
        ClientSim live = f.loggedIn("admin", "secret");
        Random random = new Random(20561);
        List<byte[]> seeds = validPackets(live);
        UdpFrame frame = new UdpFrame();
        for (int i = 0; i < 30_000; i++) {
            byte[] bytes;
            int kind = random.nextInt(4);
            if (kind == 0) {
                bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                if (bytes.length > 13 && random.nextBoolean()) {
                    bytes[0] = 1;
                    ByteBuffer.wrap(bytes).putShort(8, (short) 0x0200).putInt(10, 2);
                }
            } else {
                bytes = mutate(seeds.get(random.nextInt(seeds.size())), random);
            }
            frame.ifIndex = random.nextInt(8) == 0 ? 2 : ClientSim.IF_INDEX;
            frame.ethDst = random.nextBoolean() ? Mac48.BROADCAST : ClientSim.SERVER_MAC;
            frame.srcPort = 1500;
            frame.dstPort = random.nextInt(6) == 0 ? MndpCodec.PORT : MtHeader.PORT;
            frame.payload = ByteBuffer.wrap(bytes);
            f.server.onFrame(frame, f.net);
            if (i % 100 == 0) {
                f.clock.advance(random.nextInt(400));
                f.server.runTimers();
            }
            assertTrue(f.server.sessionCount() <= MacServerConfig.DEFAULTS.maxSessions());
            assertTrue(f.server.halfOpenCount() <= MacServerConfig.DEFAULTS.maxHalfOpen());
        }
        assertEquals(0, f.server.counters().get(Counter.INTERNAL_ERRORS));
        assertTrue(f.server.counters().get(Counter.MALFORMED) > 0);

        f.clock.advance(60_000);
        f.server.runTimers();
        SessionFixture after = f;
        ClientSim c = after.client(0x02_00_00_00_77_01L, 0x4321);
        EcSrp5TestClient srp = new EcSrp5TestClient("admin", "secret".toCharArray(), new SecureRandom());
        byte[] key = SessionFixture.keyExchange(c, "admin", srp);
        SessionFixture.sendLogin(c, "admin", srp.proof(key));
        assertTrue(c.readUntil("Welcome admin", 58).contains("Welcome admin"), "the server still serves logins");
    }

    /** Every kind of packet a client sends, for the live session's MAC and key and for others. */
    private static List<byte[]> validPackets(ClientSim c) {
        List<byte[]> out = new ArrayList<>();
        byte[] key = new byte[33];
        key[0] = 9;
        out.add(c.packet(MtPacketType.SESSIONSTART, 0, new byte[0]));
        out.add(c.packet(MtPacketType.DATA, c.sendCounter, new Payload().empty(ControlType.BEGINAUTH)
                .block(ControlType.PASSSALT, SessionFixture.clientSalt("admin", key)).bytes()));
        out.add(c.packet(MtPacketType.DATA, c.sendCounter, new Payload().block(ControlType.PASSWORD, new byte[32])
                .block(ControlType.USERNAME, "admin".getBytes()).u16(ControlType.TERM_WIDTH, 80)
                .u16(ControlType.TERM_HEIGHT, 24).bytes()));
        out.add(c.packet(MtPacketType.DATA, c.sendCounter, "abc\r".getBytes()));
        out.add(c.packet(MtPacketType.ACK, 82, new byte[0]));
        out.add(c.packet(MtPacketType.END, 0, new byte[0]));
        ByteBuffer ping = ByteBuffer.allocate(40);
        MtPacketEncoder.writePingHeader(ping, MtPacketType.PING, c.mac, ClientSim.SERVER_MAC);
        out.add(ping.array());
        ByteBuffer mndp = ByteBuffer.allocate(MndpCodec.MAX_LENGTH);
        MndpCodec.encode(mndp, new MndpAnnouncement(5, "x", "y", "z", 1, "s", "b", "i", new byte[4], null), 1);
        out.add(java.util.Arrays.copyOf(mndp.array(), mndp.position()));
        return out;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            // Keep the addresses mostly intact so that mutations reach the session code.
            if (at >= 2 && at < 14 && random.nextInt(4) != 0) {
                continue;
            }
            b[at] = (byte) random.nextInt(256);
        }
        if (random.nextInt(5) == 0) {
            b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
        } else if (random.nextInt(10) == 0) {
            b = java.util.Arrays.copyOf(b, b.length + random.nextInt(64));
        }
        return b;
    }
}
