package macserver.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlashGeometryTest {
    @Test
    void countsBlocksAndPages() {
        FlashGeometry nand = new FlashGeometry(FlashType.NAND, 128, 131072, 2048);

        assertEquals(128L << 20, nand.sizeBytes());
        assertEquals(1024, nand.eraseBlocks());
        assertEquals(64, nand.pagesPerEraseBlock());
    }

    @Test
    void norHasSmallPages() {
        FlashGeometry nor = new FlashGeometry(FlashType.NOR, 16, 65536, 256);

        assertEquals(256, nor.eraseBlocks());
        assertEquals(256, nor.pagesPerEraseBlock());
    }

    @Test
    void anEraseBlockMustHoldWholePages() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(FlashType.NAND, 128, 3072, 2048));
        assertTrue(e.getMessage().contains("whole number of pages"), e.getMessage());
    }

    @Test
    void theFlashMustHoldWholeEraseBlocks() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(FlashType.NOR, 1, 3 << 20, 256));
        assertTrue(e.getMessage().contains("whole number of erase blocks"), e.getMessage());
    }

    @Test
    void rejectsEmptyFlash() {
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(FlashType.NOR, 0, 65536, 256));
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(null, 16, 65536, 256));
    }
}
