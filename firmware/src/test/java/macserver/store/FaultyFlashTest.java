package macserver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FaultyFlashTest {
    private static final FlashGeometry G = new FlashGeometry(256, 1024, 4);

    private static byte[] pages(int n) {
        byte[] b = new byte[n * 256];
        Arrays.fill(b, (byte) 0x11);
        return b;
    }

    private static int countByte(RamFlash ram, long from, int len, byte value) throws IOException {
        byte[] b = new byte[len];
        ram.read(from, b, 0, len);
        int n = 0;
        for (byte x : b) {
            n += x == value ? 1 : 0;
        }
        return n;
    }

    @Test
    void cutAtTheNthOperationLosesItAndEverythingAfter() throws IOException {
        RamFlash ram = new RamFlash(G);
        FaultyFlash dev = new FaultyFlash(ram, 2, FaultyFlash.Tear.NONE, 1);
        dev.program(0, pages(1), 0, 256);
        assertThrows(PowerCutException.class, () -> dev.program(256, pages(1), 0, 256));
        assertTrue(dev.powerCut());
        assertThrows(PowerCutException.class, () -> dev.read(0, new byte[1], 0, 1));
        assertEquals(256, countByte(ram, 0, 256, (byte) 0x11));
        assertEquals(0, countByte(ram, 256, 256, (byte) 0x11));
    }

    @Test
    void tornProgramWritesAPrefixAndLeavesTheRestErased() throws IOException {
        RamFlash ram = new RamFlash(G);
        FaultyFlash dev = new FaultyFlash(ram, 1, FaultyFlash.Tear.ERASED_REST, 3);
        assertThrows(PowerCutException.class, () -> dev.program(0, pages(3), 0, 768));
        int written = countByte(ram, 0, 768, (byte) 0x11);
        assertTrue(written < 768);
        assertEquals(768 - written, countByte(ram, 0, 768, FlashDevice.ERASED));
        assertEquals(written, countByte(ram, 0, written, (byte) 0x11), "the written part is a prefix");
    }

    @Test
    void tornProgramWithGarbageSpoilsOnlyThePageWhereItStopped() throws IOException {
        RamFlash ram = new RamFlash(G);
        FaultyFlash dev = new FaultyFlash(ram, 1, FaultyFlash.Tear.GARBAGE_REST, 5);
        assertThrows(PowerCutException.class, () -> dev.program(0, pages(4), 0, 1024));
        int written = countByte(ram, 0, 1024, (byte) 0x11);
        int pageEnd = (written / 256 + 1) * 256;
        assertEquals(1024 - pageEnd, countByte(ram, pageEnd, 1024 - pageEnd, FlashDevice.ERASED));
    }

    @Test
    void tornEraseLeavesOldDataInSomePages() throws IOException {
        RamFlash ram = new RamFlash(G);
        ram.program(0, pages(4), 0, 1024);
        FaultyFlash dev = new FaultyFlash(ram, 1, FaultyFlash.Tear.ERASED_REST, 11);
        assertThrows(PowerCutException.class, () -> dev.erase(0));
        int old = countByte(ram, 0, 1024, (byte) 0x11);
        assertEquals(0, old % 256);
        assertEquals(1024 - old, countByte(ram, 0, 1024 - old, FlashDevice.ERASED), "erased pages come first");
    }

    @Test
    void failingEraseIsAFlashErrorNotACut() throws IOException {
        FaultyFlash dev = FaultyFlash.neverCut(new RamFlash(G));
        dev.failErasesOf(1);
        FlashException e = assertThrows(FlashException.class, () -> dev.erase(1));
        assertTrue(e.getMessage().contains("block 1"));
        dev.erase(2);
        assertEquals(2, dev.operations());
    }
}
