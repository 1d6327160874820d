package macserver.datapath;

import static macserver.datapath.TestFrames.fixIpChecksum;
import static macserver.datapath.TestFrames.fixUdpChecksum;
import static macserver.datapath.TestFrames.put16;
import static macserver.datapath.TestFrames.u16;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final byte[] HELLO = "hello, router".getBytes(StandardCharsets.US_ASCII);

    private static DecodeResult decode(byte[] frame) {
        return new FrameDecoder(TestFrames.direct(frame)).decode(frame.length, 7);
    }

    private static byte[] mutated(Consumer<byte[]> change) {
        byte[] f = TestFrames.udp(1500, 20561, HELLO);
        change.accept(f);
        return f;
    }

    @Test
    void decodesEveryFieldAndGivesThePayloadAsAViewOfTheReceiveBuffer() {
        byte[] f = TestFrames.udp(0x02_11_22_33_44_55L, 0xFF_FF_FF_FF_FF_FFL, 0x0A00_0001, 0xFFFF_FFFF, 1234, 20561, HELLO);
        ByteBuffer buffer = TestFrames.direct(f);
        FrameDecoder decoder = new FrameDecoder(buffer);

        assertEquals(DecodeResult.OK, decoder.decode(f.length, 7));

        UdpFrame frame = decoder.frame();
        assertEquals(7, frame.ifIndex);
        assertEquals(0x02_11_22_33_44_55L, frame.ethSrc);
        assertEquals(0xFF_FF_FF_FF_FF_FFL, frame.ethDst);
        assertEquals(0x0A00_0001, frame.ipSrc);
        assertEquals(0xFFFF_FFFF, frame.ipDst);
        assertEquals(1234, frame.srcPort);
        assertEquals(20561, frame.dstPort);
        byte[] payload = new byte[frame.payload.remaining()];
        frame.payload.duplicate().get(payload);
        assertEquals("hello, router", new String(payload, StandardCharsets.US_ASCII));
        assertTrue(frame.payload.isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> frame.payload.put(0, (byte) 1));
        // A view, not a copy: the next frame in the same buffer shows through.
        buffer.put(42, (byte) 'J');
        assertEquals('J', frame.payload.get(frame.payload.position()));
    }

    @Test
    void decodesAKnownHeaderWhoseChecksumWasNotComputedHere() {
        // A widely published IPv4 header (192.168.0.1 -> 192.168.0.199, UDP, 115 bytes, checksum 0xB861).
        byte[] ip = HexFormat.of().parseHex("45000073000040004011b861c0a80001c0a800c7");
        byte[] f = new byte[14 + 115];
        put16(f, 12, 0x0800);
        System.arraycopy(ip, 0, f, 14, 20);
        put16(f, 34, 5678);
        put16(f, 36, 5678);
        put16(f, 38, 95); // UDP checksum left 0: none
        assertEquals(DecodeResult.OK, decode(f));

        f[25] ^= 1;
        assertEquals(DecodeResult.BAD_IP_CHECKSUM, decode(f));
    }

    @Test
    void everyTruncationIsDroppedAsTruncated() {
        byte[] f = TestFrames.udp(1500, 20561, HELLO);
        for (int length = 0; length < f.length; length++) {
            ByteBuffer buffer = TestFrames.direct(Arrays.copyOf(f, length));
            // The bytes past the cut stay in the buffer, as stale data from an earlier frame would.
            buffer.put(0, f);
            assertEquals(DecodeResult.TRUNCATED, new FrameDecoder(buffer).decode(length, 1), "cut at " + length);
        }
        assertEquals(DecodeResult.OK, decode(f));
    }

    @Test
    void acceptsEthernetPaddingAfterTheDatagram() {
        byte[] f = Arrays.copyOf(TestFrames.udp(1500, 20561, new byte[] {1, 2}), 60);
        Arrays.fill(f, 44, 60, (byte) 0x5A);
        FrameDecoder decoder = new FrameDecoder(TestFrames.direct(f));

        assertEquals(DecodeResult.OK, decoder.decode(f.length, 1));
        assertEquals(2, decoder.frame().payload.remaining());
    }

    @Test
    void dropsWhatIsNotUntaggedIpv4() {
        assertEquals(DecodeResult.VLAN_TAGGED, decode(mutated(f -> put16(f, 12, 0x8100))));
        assertEquals(DecodeResult.VLAN_TAGGED, decode(mutated(f -> put16(f, 12, 0x88A8))));
        assertEquals(DecodeResult.NOT_IPV4, decode(mutated(f -> put16(f, 12, 0x0806))));
        assertEquals(DecodeResult.NOT_IPV4, decode(mutated(f -> put16(f, 12, 0x86DD))));
        assertEquals(DecodeResult.NOT_IPV4, decode(mutated(f -> put16(f, 12, 0x0040))));
    }

    @Test
    void dropsBadIpHeaders() {
        assertEquals(DecodeResult.BAD_IP_HEADER, decode(mutated(f -> {
            f[14] = 0x65;
            fixIpChecksum(f);
        })));
        assertEquals(DecodeResult.BAD_IP_HEADER, decode(mutated(f -> {
            f[14] = 0x44;
            fixIpChecksum(f);
        })));
        assertEquals(DecodeResult.IP_OPTIONS, decode(mutated(f -> {
            f[14] = 0x46;
            fixIpChecksum(f);
        })));
        assertEquals(DecodeResult.BAD_IP_HEADER, decode(mutated(f -> {
            put16(f, 16, 19);
            fixIpChecksum(f);
        })));
        assertEquals(DecodeResult.TRUNCATED, decode(mutated(f -> {
            put16(f, 16, f.length - 14 + 1);
            fixIpChecksum(f);
        })));
        assertEquals(DecodeResult.BAD_IP_CHECKSUM, decode(mutated(f -> f[24] ^= 0x10)));
    }

    @Test
    void dropsFragmentsButAcceptsDontFragment() {
        assertEquals(DecodeResult.FRAGMENT, decode(mutated(f -> {
            put16(f, 20, 0x2000); // more fragments
            fixIpChecksum(f);
        })));
        assertEquals(DecodeResult.FRAGMENT, decode(mutated(f -> {
            put16(f, 20, 0x0001); // offset 8
            fixIpChecksum(f);
        })));
        assertEquals(DecodeResult.OK, decode(mutated(f -> {
            put16(f, 20, 0x0000);
            fixIpChecksum(f);
        })));
    }

    @Test
    void dropsOtherProtocolsAndBadUdpLengths() {
        assertEquals(DecodeResult.NOT_UDP, decode(mutated(f -> {
            f[23] = 6;
            fixIpChecksum(f);
        })));
        assertEquals(DecodeResult.TRUNCATED, decode(mutated(f -> {
            put16(f, 16, 20 + 7); // IP says the UDP header does not fit
            fixIpChecksum(f);
        })));
        assertEquals(DecodeResult.BAD_UDP_LENGTH, decode(mutated(f -> {
            put16(f, 38, 7);
            put16(f, 40, 0);
        })));
        assertEquals(DecodeResult.BAD_UDP_LENGTH, decode(mutated(f -> {
            put16(f, 38, u16(f, 38) + 1);
            put16(f, 40, 0);
        })));
    }

    @Test
    void udpLengthShorterThanTheIpPayloadEndsThePayload() {
        byte[] f = mutated(g -> {
            put16(g, 38, 8 + 5);
            fixUdpChecksum(g);
        });
        FrameDecoder decoder = new FrameDecoder(TestFrames.direct(f));

        assertEquals(DecodeResult.OK, decoder.decode(f.length, 1));
        assertEquals(5, decoder.frame().payload.remaining());
    }

    @Test
    void udpChecksumZeroMeansNoneAndAnyOtherValueMustVerify() {
        assertEquals(DecodeResult.OK, decode(mutated(f -> put16(f, 40, 0))));
        assertEquals(DecodeResult.BAD_UDP_CHECKSUM, decode(mutated(f -> put16(f, 40, u16(f, 40) ^ 0x0100))));
        // The pseudo-header counts: a different IP destination breaks the UDP checksum.
        assertEquals(DecodeResult.BAD_UDP_CHECKSUM, decode(mutated(f -> {
            f[33] = 0x00;
            fixIpChecksum(f);
        })));
    }

    @Test
    void everySingleBitFlipInTheIpHeaderIsCaught() {
        byte[] good = TestFrames.udp(1500, 20561, HELLO);
        for (int bit = 14 * 8; bit < 34 * 8; bit++) {
            byte[] f = good.clone();
            f[bit / 8] ^= (byte) (1 << (bit % 8));
            assertNotEquals(DecodeResult.OK, decode(f), "flipped bit " + bit);
        }
    }

    @Test
    void everySingleBitFlipInTheDatagramIsCaughtUnlessItClearsTheChecksum() {
        byte[] good = TestFrames.udp(1500, 20561, HELLO);
        for (int bit = 34 * 8; bit < good.length * 8; bit++) {
            byte[] f = good.clone();
            f[bit / 8] ^= (byte) (1 << (bit % 8));
            DecodeResult expected = u16(f, 40) == 0 ? DecodeResult.OK : DecodeResult.BAD_UDP_CHECKSUM;
            DecodeResult result = decode(f);
            if (bit / 8 == 38 || bit / 8 == 39) {
                // A flipped UDP length is caught as a bad length or a bad checksum.
                assertNotEquals(DecodeResult.OK, result, "flipped bit " + bit);
            } else {
                assertEquals(expected, result, "flipped bit " + bit);
            }
        }
    }

    @Test
    void decodingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] good = TestFrames.udp(1500, 20561, HELLO);
        byte[] bad = mutated(f -> f[24] ^= 1);
        FrameDecoder decoder = new FrameDecoder(TestFrames.direct(good));
        FrameDecoder badDecoder = new FrameDecoder(TestFrames.direct(bad));
        for (int i = 0; i < 1000; i++) {
            decoder.decode(good.length, 1);
            badDecoder.decode(bad.length, 1);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int ok = 0;
        for (int i = 0; i < 100_000; i++) {
            ok += decoder.decode(good.length, 1) == DecodeResult.OK ? 1 : 0;
            ok += badDecoder.decode(bad.length, 1) == DecodeResult.OK ? 1 : 0;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(100_000, ok);
        // 200,000 decodes: anything per frame would be megabytes; the slack is the counter's own.
        assertTrue(allocated < 10_000, "decoding allocated " + allocated + " bytes");
    }
}
