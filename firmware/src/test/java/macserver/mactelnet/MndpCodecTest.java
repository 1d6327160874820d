package macserver.mactelnet;

import static macserver.mactelnet.ClientSim.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** MNDP TLVs: our announcement's bytes, others' announcements, requests and every cut. */
class MndpCodecTest {

    private static final MndpAnnouncement SAMPLE = new MndpAnnouncement(0x02_00_00_00_00_02L, "vm", "6.18", "Linux",
            1631, "MAC-Telnet", "x86_64", "vs", new byte[] {10, 9, 9, 2}, null);

    private static byte[] encode(MndpAnnouncement a) {
        ByteBuffer b = ByteBuffer.allocate(MndpCodec.MAX_LENGTH);
        MndpCodec.encode(b, a, 0x0102);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void announcementBytesAreTheTlvsInOrder() {
        assertArrayEquals(hex("0000 0102"
                + "0001 0006 020000000002"
                + "0005 0002 766d"
                + "0007 0004 362e3138"
                + "0008 0005 4c696e7578"
                + "000a 0004 5f060000"
                + "000b 000a 4d41432d54656c6e6574"
                + "000c 0006 7838365f3634"
                + "0010 0002 7673"
                + "0011 0004 0a090902"), encode(SAMPLE));
    }

    @Test
    void roundTrip() {
        assertEquals(SAMPLE, MndpCodec.decode(ByteBuffer.wrap(encode(SAMPLE))));
        MndpAnnouncement bare = new MndpAnnouncement(0x0A0B0C0D0E0FL, null, null, null, -1, null, null, null, null,
                new byte[16]);
        assertEquals(bare, MndpCodec.decode(ByteBuffer.wrap(encode(bare))));
    }

    @Test
    void shortDatagramsAreDiscoveryRequests() {
        assertInstanceOf(MndpMessage.DiscoveryRequest.class, MndpCodec.decode(ByteBuffer.wrap(new byte[4])));
        assertInstanceOf(MndpMessage.DiscoveryRequest.class, MndpCodec.decode(ByteBuffer.wrap(new byte[9])));
        assertInstanceOf(MndpMessage.Malformed.class, MndpCodec.decode(ByteBuffer.wrap(new byte[3])));
    }

    @Test
    void everyTruncationDecodesToSomethingAndNeverThrows() {
        byte[] full = encode(SAMPLE);
        for (int len = 0; len <= full.length; len++) {
            MndpMessage m = MndpCodec.decode(ByteBuffer.wrap(full, 0, len));
            if (len < 4) {
                assertInstanceOf(MndpMessage.Malformed.class, m);
            } else if (len < 18) {
                assertInstanceOf(MndpMessage.DiscoveryRequest.class, m);
            } else if (m instanceof MndpAnnouncement a) {
                assertEquals(SAMPLE.mac(), a.mac(), "cut at a TLV boundary: the fields so far, len " + len);
            } else {
                assertInstanceOf(MndpMessage.Malformed.class, m, "len " + len);
            }
        }
    }

    @Test
    void unknownTypesAreSkippedAndWrongSizesRefused() {
        byte[] withUnknown = hex("00000000 0001 0006 020000000009 000e 0001 01 0063 0003 616263 0005 0001 41");
        MndpAnnouncement a = (MndpAnnouncement) MndpCodec.decode(ByteBuffer.wrap(withUnknown));
        assertEquals("A", a.identity());
        assertNull(a.platform());
        assertInstanceOf(MndpMessage.Malformed.class,
                MndpCodec.decode(ByteBuffer.wrap(hex("00000000 0001 0005 0200000000 0005 0002 4142"))));
        assertInstanceOf(MndpMessage.Malformed.class,
                MndpCodec.decode(ByteBuffer.wrap(hex("00000000 0005 0006 414243444546 0007 0001 41"))), "no MAC");
    }

    @Test
    void longStringsAreCutToWhatTheClientsRead() {
        String name = "é".repeat(100);
        MndpAnnouncement a = new MndpAnnouncement(1, name, null, null, -1, null, null, null, null, null);
        MndpAnnouncement back = (MndpAnnouncement) MndpCodec.decode(ByteBuffer.wrap(encode(a)));
        assertEquals("é".repeat(63), back.identity(), "127 bytes at most, never half a character");
    }
}
