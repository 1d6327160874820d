package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteRingTest {

    private static ByteBuffer bytes(int from, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            b.put(i, (byte) (from + i));
        }
        return b;
    }

    @Test
    void holdsNoStorageUntilTheFirstBytesThenTheSmallestThatFits() {
        ByteRing ring = new ByteRing(8192);
        assertEquals(0, ring.storageBytes());
        assertEquals(0, ring.put(bytes(0, 0), 0, 0));
        assertEquals(0, ring.storageBytes());
        assertEquals(3, ring.put(bytes(0, 3), 0, 3));
        assertEquals(ByteRing.MIN_STORAGE, ring.storageBytes());
        assertEquals(200, ring.put(bytes(3, 200), 0, 200));
        assertEquals(256, ring.storageBytes());
        byte[] out = new byte[203];
        assertEquals(203, ring.take(out, 0, 203));
        assertArrayEquals(bytes(0, 203).array(), out);
    }

    @Test
    void neverHoldsMoreThanTheLimitAndTakesOnlyWhatFits() {
        ByteRing ring = new ByteRing(100);
        assertEquals(100, ring.put(bytes(0, 150), 0, 150));
        assertEquals(100, ring.storageBytes(), "the limit caps the storage, not just the bytes");
        assertEquals(0, ring.room());
        assertEquals(0, ring.put(bytes(0, 1), 0, 1));
        assertEquals(0, ring.take());
        assertEquals(1, ring.put(bytes(100, 1), 0, 1));
        assertEquals(100, ring.size());
    }

    @Test
    void peekKeepsTheBytesAndSkipDropsThem() {
        ByteRing ring = new ByteRing(64);
        ring.put(bytes(10, 20), 0, 20);
        ByteBuffer out = ByteBuffer.allocate(8);
        assertEquals(8, ring.peek(out, 100), "bounded by the buffer's room");
        assertEquals(20, ring.size());
        ByteBuffer again = ByteBuffer.allocate(32);
        assertEquals(5, ring.peek(again, 5), "bounded by max");
        ring.skip(5);
        assertEquals(15, ring.take());
        assertThrows(IllegalArgumentException.class, () -> ring.skip(15));
        assertEquals(14, ring.size());
    }

    @Test
    void releaseGivesStorageBackOnlyWhenEmpty() {
        ByteRing ring = new ByteRing(1024);
        ring.put(bytes(0, 10), 0, 10);
        assertFalse(ring.release());
        assertEquals(ByteRing.MIN_STORAGE, ring.storageBytes());
        ring.skip(10);
        assertTrue(ring.release());
        assertEquals(0, ring.storageBytes());
        ring.put(bytes(7, 2), 0, 2);
        assertEquals(7, ring.take());
        assertEquals(8, ring.take());
    }

    /** Random puts, takes and releases, wrapping and growing, against a plain queue. */
    @Test
    void keepsOrderThroughWrapsAndGrowth() {
        ByteRing ring = new ByteRing(1000);
        ArrayDeque<Byte> expected = new ArrayDeque<>();
        Random random = new Random(5);
        int next = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(3);
            if (op == 0) {
                int n = random.nextInt(300);
                int taken = ring.put(bytes(next, n), 0, n);
                assertEquals(Math.min(n, 1000 - expected.size()), taken);
                for (int i = 0; i < taken; i++) {
                    expected.add((byte) (next + i));
                }
                next += taken;
            } else if (op == 1) {
                byte[] out = new byte[random.nextInt(300)];
                int n = ring.take(out, 0, out.length);
                for (int i = 0; i < n; i++) {
                    assertEquals(expected.poll(), out[i]);
                }
            } else {
                assertEquals(expected.isEmpty(), ring.release());
            }
            assertEquals(expected.size(), ring.size());
            assertTrue(ring.storageBytes() <= 1000);
        }
    }
}
