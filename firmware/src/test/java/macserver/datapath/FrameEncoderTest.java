package macserver.datapath;

import static macserver.datapath.TestFrames.u16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {
    private final ByteBuffer out = ByteBuffer.allocateDirect(FrameEncoder.MAX_FRAME_BYTES);

    private byte[] encode(FrameEncoder encoder, long ethSrc, long ethDst, int ipSrc, int ipDst, int sport, int dport,
            byte[] payload) {
        int length = encoder.encode(ethSrc, ethDst, ipSrc, ipDst, sport, dport, ByteBuffer.wrap(payload));
        byte[] frame = new byte[length];
        out.get(0, frame);
        return frame;
    }

    @Test
    void writesTheHeadersOfTheReferenceServersRawMode() {
        FrameEncoder encoder = new FrameEncoder(out, 0x0101);
        byte[] payload = new byte[100];
        Arrays.fill(payload, (byte) 0xA5);

        byte[] f = encode(encoder, 0x4C_5E_0C_11_22_33L, 0x02_00_00_00_00_01L, 0, 0xFFFF_FFFF, 20561, 1057, payload);

        assertEquals(42 + 100, f.length);
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 1}, Arrays.copyOfRange(f, 0, 6));
        assertArrayEquals(new byte[] {0x4C, 0x5E, 0x0C, 0x11, 0x22, 0x33}, Arrays.copyOfRange(f, 6, 12));
        assertEquals(0x0800, u16(f, 12));
        assertEquals(0x45, f[14]);
        assertEquals(0x10, f[15], "TOS");
        assertEquals(20 + 8 + 100, u16(f, 16));
        assertEquals(0x0101, u16(f, 18), "IP id");
        assertEquals(0x4000, u16(f, 20), "DF, offset 0");
        assertEquals(64, f[22], "TTL");
        assertEquals(17, f[23]);
        assertEquals(0xFFFF, TestFrames.onesSum(f, 14, 20, 0), "IP header checksum verifies");
        assertArrayEquals(new byte[] {0, 0, 0, 0, -1, -1, -1, -1}, Arrays.copyOfRange(f, 26, 34));
        assertEquals(20561, u16(f, 34));
        assertEquals(1057, u16(f, 36));
        assertEquals(108, u16(f, 38));
        assertTrue(u16(f, 40) != 0, "UDP checksum filled in");
        assertEquals(0xFFFF, TestFrames.udpSum(f), "UDP checksum verifies with the pseudo-header");
        assertArrayEquals(payload, Arrays.copyOfRange(f, 42, 142));
    }

    @Test
    void ipIdCountsUpPerFrameAndWraps() {
        FrameEncoder encoder = new FrameEncoder(out, 0xFFFE);
        int[] ids = new int[4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = u16(encode(encoder, 1, 2, 0, -1, 20561, 20561, new byte[20]), 18);
        }
        assertArrayEquals(new int[] {0xFFFE, 0xFFFF, 0, 1}, ids);
    }

    @Test
    void padsShortFramesWithZerosToTheEthernetMinimum() {
        FrameEncoder encoder = new FrameEncoder(out, 0);
        byte[] big = new byte[500];
        Arrays.fill(big, (byte) 0x77);
        encode(encoder, 1, 2, 0, -1, 20561, 20561, big);

        byte[] f = encode(encoder, 1, 2, 0, -1, 20561, 20561, new byte[] {9});

        assertEquals(60, f.length);
        assertEquals(8 + 1, u16(f, 38));
        assertEquals(9, f[42]);
        for (int i = 43; i < 60; i++) {
            assertEquals(0, f[i], "padding byte " + i + " must not leak the previous frame");
        }
        assertEquals(0xFFFF, TestFrames.udpSum(f));
    }

    @Test
    void aComputedUdpChecksumOfZeroIsSentAsAllOnes() {
        FrameEncoder encoder = new FrameEncoder(out, 0);
        // With two zero bytes the sum misses 0xFFFF by exactly the checksum; that word as payload makes it 0.
        int c0 = u16(encode(encoder, 1, 2, 0x0A000001, -1, 20561, 1234, new byte[2]), 40);
        byte[] f = encode(encoder, 1, 2, 0x0A000001, -1, 20561, 1234, new byte[] {(byte) (c0 >>> 8), (byte) c0});

        assertEquals(0xFFFF, u16(f, 40));
        assertEquals(0xFFFF, TestFrames.udpSum(f));
    }

    @Test
    void leavesThePayloadBufferAsItWas() {
        FrameEncoder encoder = new FrameEncoder(out, 0);
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
        payload.position(2).limit(6);

        int length = encoder.encode(1, 2, 0, -1, 20561, 20561, payload);

        assertEquals(60, length);
        assertEquals(2, payload.position());
        assertEquals(6, payload.limit());
        assertEquals(8 + 4, out.getShort(38));
        assertEquals(2, out.get(42));
        assertEquals(5, out.get(45));
    }

    @Test
    void refusesOversizedPayloadsBadPortsAndSmallBuffers() {
        FrameEncoder encoder = new FrameEncoder(out, 0);
        assertEquals(1514, encoder.encode(1, 2, 0, -1, 20561, 20561, ByteBuffer.allocate(1472)));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(1, 2, 0, -1, 20561, 20561, ByteBuffer.allocate(1473)));
        assertTrue(big.getMessage().contains("1473"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(1, 2, 0, -1, 65536, 20561, ByteBuffer.allocate(1)));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(1, 2, 0, -1, 20561, -1, ByteBuffer.allocate(1)));
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(ByteBuffer.allocate(1513), 0));
    }

    @Property(tries = 300)
    void whatTheEncoderWritesTheDecoderReadsBack(@ForAll long ethSrc, @ForAll long ethDst, @ForAll int ipSrc,
            @ForAll int ipDst, @ForAll @IntRange(max = 65535) int sport, @ForAll @IntRange(max = 65535) int dport,
            @ForAll @Size(max = 1472) byte[] payload) {
        long src = ethSrc & 0xFFFF_FFFF_FFFFL;
        long dst = ethDst & 0xFFFF_FFFF_FFFFL;
        FrameEncoder encoder = new FrameEncoder(out, 0);
        int length = encoder.encode(src, dst, ipSrc, ipDst, sport, dport, ByteBuffer.wrap(payload));
        FrameDecoder decoder = new FrameDecoder(out);

        assertEquals(DecodeResult.OK, decoder.decode(length, 3));

        UdpFrame f = decoder.frame();
        assertEquals(src, f.ethSrc);
        assertEquals(dst, f.ethDst);
        assertEquals(ipSrc, f.ipSrc);
        assertEquals(ipDst, f.ipDst);
        assertEquals(sport, f.srcPort);
        assertEquals(dport, f.dstPort);
        byte[] back = new byte[f.payload.remaining()];
        f.payload.duplicate().get(back);
        assertArrayEquals(payload, back);
    }
}
