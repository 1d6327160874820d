package macserver.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random input never makes the decoder throw, and it accepts only frames that are valid. */
class FrameDecoderPropertiesTest {

    @Property(tries = 2000)
    void randomBytesAreDroppedOrDecodedNeverThrown(@ForAll @Size(max = 1600) byte[] bytes) {
        ByteBuffer buffer = TestFrames.direct(bytes);
        DecodeResult result = new FrameDecoder(buffer).decode(bytes.length, 1);
        if (result == DecodeResult.OK) {
            assertValid(bytes);
        }
    }

    @Property(tries = 2000)
    void randomlyDamagedFramesAreDroppedOrStillValid(@ForAll @Size(min = 1, max = 8) int[] positions,
            @ForAll @Size(min = 8, max = 8) byte[] values, @ForAll @IntRange(max = 300) int payloadLength) {
        byte[] f = TestFrames.udp(1024, 20561, new byte[payloadLength]);
        for (int i = 0; i < positions.length; i++) {
            f[Math.floorMod(positions[i], f.length)] = values[i];
        }
        DecodeResult result = new FrameDecoder(TestFrames.direct(f)).decode(f.length, 1);
        if (result == DecodeResult.OK) {
            assertValid(f);
        }
    }

    /** What an accepted frame must be, checked with the tests' own checksum code. */
    private static void assertValid(byte[] f) {
        assertEquals(0x0800, TestFrames.u16(f, 12));
        assertEquals(0x45, f[14]);
        assertEquals(0xFFFF, TestFrames.onesSum(f, 14, 20, 0));
        assertEquals(0, TestFrames.u16(f, 20) & 0x3FFF);
        assertEquals(17, f[23]);
        int total = TestFrames.u16(f, 16);
        int udpLength = TestFrames.u16(f, 38);
        assertTrue(14 + total <= f.length && udpLength >= 8 && udpLength <= total - 20);
        assertTrue(TestFrames.u16(f, 40) == 0 || TestFrames.udpSum(f) == 0xFFFF);
    }
}
