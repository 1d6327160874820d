package macserver.mactelnet;

import static macserver.mactelnet.ClientSim.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MAC-Telnet header, control blocks and MAC-Ping: the fact sheet's bytes, round trips and every cut. */
class MtCodecTest {

    private static final long CLIENT = 0x02_00_00_00_00_01L;
    private static final long SERVER = 0x02_00_00_00_00_02L;

    private static byte[] header(Direction as, int type, long from, long to, int key, int counter) {
        ByteBuffer b = ByteBuffer.allocate(MtHeader.LENGTH);
        MtPacketEncoder.writeHeader(b, as, type, from, to, key, counter);
        return b.array();
    }

    @Test
    void headersMatchTheWorkedBytes() {
        assertArrayEquals(hex("01 00 020000000001 020000000002 1234 0015 00000000"),
                header(Direction.CLIENT_TO_SERVER, MtPacketType.SESSIONSTART, CLIENT, SERVER, 0x1234, 0));
        assertArrayEquals(hex("01 02 020000000002 020000000001 0015 1234 00000039"),
                header(Direction.SERVER_TO_CLIENT, MtPacketType.ACK, SERVER, CLIENT, 0x1234, 57));
    }

    @Test
    void keyAndClientTypeSwapWithTheDirection() {
        for (Direction d : Direction.values()) {
            byte[] bytes = header(d, MtPacketType.DATA, CLIENT, SERVER, 0xBEEF, 0xFFFF_FFFE);
            MtHeader h = new MtHeader();
            assertEquals(MtDecodeResult.OK, MtPacketDecoder.decode(ByteBuffer.wrap(bytes), d, h));
            assertEquals(0xBEEF, h.sessionKey);
            assertEquals(MtHeader.CLIENT_TYPE_MAC_TELNET, h.clientType);
            assertEquals(0xFFFF_FFFE, h.counter);
            assertEquals(CLIENT, h.senderMac);
            assertEquals(SERVER, h.receiverMac);
            Direction other = d == Direction.CLIENT_TO_SERVER ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
            assertEquals(MtDecodeResult.NOT_MAC_TELNET, MtPacketDecoder.decode(ByteBuffer.wrap(bytes), other, h),
                    "read in the wrong layout, the key is taken for the client type");
        }
    }

    @Test
    void workedFirstAuthDataDecodes() {
        byte[] key = hex("6fc80e9c6dea43ce3a2abd44a60ea73e637b008427a7da28e17c65670056805301");
        ByteBuffer b = ByteBuffer.allocate(79);
        MtPacketEncoder.writeHeader(b, Direction.CLIENT_TO_SERVER, MtPacketType.DATA, CLIENT, SERVER, 0x1234, 0);
        ControlBlockEncoder.putEmpty(b, ControlType.BEGINAUTH);
        ControlBlockEncoder.put(b, ControlType.PASSSALT, SessionFixture.clientSalt("admin", key));
        assertEquals(79, b.position());
        assertArrayEquals(hex("01 01 020000000001 020000000002 1234 0015 00000000 563412ff 00 00000000"
                + "563412ff 01 00000027 61646d696e00" + "6fc80e9c6dea43ce3a2abd44a60ea73e637b008427a7da28e17c65670056805301"),
                b.array());
        MtHeader h = new MtHeader();
        assertEquals(MtDecodeResult.OK, MtPacketDecoder.decode(b.flip(), Direction.CLIENT_TO_SERVER, h));
        assertEquals(57, h.payloadLength);
        ControlBlockReader r = new ControlBlockReader().reset(b, h.payloadOffset, h.payloadLength);
        assertTrue(r.next());
        assertEquals(ControlType.BEGINAUTH, r.type());
        assertTrue(r.next());
        assertEquals(ControlType.PASSSALT, r.type());
        assertEquals(39, r.valueLength());
        assertFalse(r.next());
    }

    @Test
    void everyTruncationOfAPacketDecodesOrFailsCleanly() {
        ByteBuffer b = ByteBuffer.allocate(40);
        MtPacketEncoder.writeHeader(b, Direction.CLIENT_TO_SERVER, MtPacketType.DATA, CLIENT, SERVER, 7, 9);
        b.put(new byte[18]);
        byte[] full = b.array();
        MtHeader h = new MtHeader();
        for (int len = 0; len <= full.length; len++) {
            MtDecodeResult r = MtPacketDecoder.decode(ByteBuffer.wrap(full, 0, len), Direction.CLIENT_TO_SERVER, h);
            assertEquals(len < MtHeader.LENGTH ? MtDecodeResult.TOO_SHORT : MtDecodeResult.OK, r, "length " + len);
            if (len >= MtHeader.LENGTH) {
                assertEquals(len - MtHeader.LENGTH, h.payloadLength);
            }
        }
        // ACK and END of 18 to 21 bytes are taken with counter 0 (§8).
        byte[] ack = header(Direction.CLIENT_TO_SERVER, MtPacketType.ACK, CLIENT, SERVER, 7, 99);
        for (int len = 18; len < 22; len++) {
            assertEquals(MtDecodeResult.OK, MtPacketDecoder.decode(ByteBuffer.wrap(ack, 0, len), Direction.CLIENT_TO_SERVER, h));
            assertEquals(0, h.counter);
        }
    }

    @Test
    void versionOtherThanOneIsRefused() {
        byte[] bytes = header(Direction.CLIENT_TO_SERVER, MtPacketType.ACK, CLIENT, SERVER, 1, 0);
        bytes[0] = 2;
        assertEquals(MtDecodeResult.BAD_VERSION, MtPacketDecoder.decode(ByteBuffer.wrap(bytes), Direction.CLIENT_TO_SERVER, new MtHeader()));
    }

    @Test
    void pingHeaderIsEighteenBytesAndPongEchoesThePayload() {
        ByteBuffer ping = ByteBuffer.allocate(56);
        MtPacketEncoder.writePingHeader(ping, MtPacketType.PING, CLIENT, SERVER);
        for (int i = 0; i < 38; i++) {
            ping.put((byte) (i * 7));
        }
        ping.flip();
        MtHeader h = new MtHeader();
        assertEquals(MtDecodeResult.OK, MtPacketDecoder.decode(ping, Direction.CLIENT_TO_SERVER, h));
        assertEquals(18, h.payloadOffset);
        assertEquals(38, h.payloadLength);
        ByteBuffer pong = ByteBuffer.allocate(100);
        MtPacketEncoder.writePong(pong, SERVER, CLIENT, ping.slice(18, 38));
        pong.flip();
        assertEquals(56, pong.remaining());
        assertArrayEquals(hex("01 05 020000000002 020000000001 00000000"), java.util.Arrays.copyOf(pong.array(), 18));
        assertEquals(ping.slice(18, 38), pong.slice(18, 38));
    }

    @Test
    void controlBlocksRoundTripWithRawTail() {
        ByteBuffer b = ByteBuffer.allocate(100);
        ControlBlockEncoder.put(b, ControlType.USERNAME, "admin".getBytes());
        ControlBlockEncoder.putU16LittleEndian(b, ControlType.TERM_WIDTH, 0x1234);
        b.put("ls\r".getBytes());
        List<String> seen = read(b.array(), b.position());
        assertEquals(List.of("3:admin", "5:2", "-1:ls\r"), seen);
        ControlBlockReader r = new ControlBlockReader().reset(ByteBuffer.wrap(b.array()), 14, 11);
        assertTrue(r.next());
        assertEquals(0x1234, r.u16LittleEndian());
        assertArrayEquals(hex("563412ff 05 00000002 3412"), java.util.Arrays.copyOfRange(b.array(), 14, 25));
    }

    @Test
    void declaredLengthPastTheEndIsCutAndShortTailIsRaw() {
        byte[] bytes = hex("563412ff 03 00000100 6162");
        ControlBlockReader r = new ControlBlockReader().reset(ByteBuffer.wrap(bytes), 0, bytes.length);
        assertTrue(r.next());
        assertEquals(ControlType.USERNAME, r.type());
        assertEquals(2, r.valueLength());
        assertTrue(r.wasCut());
        assertFalse(r.next());
        assertEquals(List.of("-1:" + new String(hex("563412ff0300"), java.nio.charset.StandardCharsets.ISO_8859_1)),
                read(hex("563412ff0300"), 6), "fewer than 9 bytes: raw data");
        byte[] huge = hex("563412ff 02 ffffffff 00");
        assertEquals(List.of("2:\0"), read(huge, huge.length), "an unsigned length near 2^32 is cut too");
    }

    @Test
    void everySplitPointOfABlockSequenceReadsWithoutThrowing() {
        ByteBuffer b = ByteBuffer.allocate(200);
        ControlBlockEncoder.put(b, ControlType.PASSWORD, new byte[32]);
        ControlBlockEncoder.put(b, ControlType.USERNAME, "admin".getBytes());
        ControlBlockEncoder.put(b, ControlType.TERM_TYPE, "xterm".getBytes());
        ControlBlockEncoder.putU16LittleEndian(b, ControlType.TERM_WIDTH, 80);
        ControlBlockEncoder.putU16LittleEndian(b, ControlType.TERM_HEIGHT, 24);
        int total = b.position();
        assertEquals(91, total, "the worked example's second auth DATA");
        for (int cut = 0; cut <= total; cut++) {
            ControlBlockReader r = new ControlBlockReader().reset(ByteBuffer.wrap(b.array()), 0, cut);
            int bytes = 0;
            while (r.next()) {
                bytes += (r.type() == ControlType.PLAINDATA ? 0 : 9) + r.valueLength();
            }
            assertEquals(cut, bytes, "every byte is accounted for at cut " + cut);
        }
    }

    private static List<String> read(byte[] bytes, int length) {
        ControlBlockReader r = new ControlBlockReader().reset(ByteBuffer.wrap(bytes), 0, length);
        List<String> out = new ArrayList<>();
        while (r.next()) {
            out.add(r.type() + ":" + (r.type() == ControlType.TERM_WIDTH ? String.valueOf(r.valueLength())
                    : new String(r.copyValue(1 << 20), java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        return out;
    }
}
