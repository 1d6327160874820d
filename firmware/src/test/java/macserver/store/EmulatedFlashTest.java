package macserver.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NAND rules both emulations enforce, and what the file backend keeps across reopening. */
class EmulatedFlashTest {
    private static final FlashGeometry G = new FlashGeometry(256, 1024, 4);

    @TempDir
    Path dir;

    private void checkRules(FlashDevice dev) throws IOException {
        byte[] page = new byte[256];
        Arrays.fill(page, (byte) 0x5A);
        dev.program(256, page, 0, 256);
        byte[] back = new byte[256];
        dev.read(256, back, 0, 256);
        assertArrayEquals(page, back);

        FlashException twice = assertThrows(FlashException.class, () -> dev.program(256, page, 0, 256));
        assertTrue(twice.getMessage().contains("not erased"), twice.getMessage());
        assertThrows(FlashException.class, () -> dev.program(100, page, 0, 256));
        assertThrows(FlashException.class, () -> dev.program(0, page, 0, 100));
        assertThrows(FlashException.class, () -> dev.program(4096, page, 0, 256));

        dev.erase(0);
        dev.read(256, back, 0, 256);
        for (byte b : back) {
            assertEquals(FlashDevice.ERASED, b);
        }
        dev.program(256, page, 0, 256);

        assertFalse(dev.isBad(2));
        dev.markBad(2);
        assertTrue(dev.isBad(2));
        assertThrows(FlashException.class, () -> dev.erase(2));
        assertThrows(FlashException.class, () -> dev.program(2048, page, 0, 256));
    }

    @Test
    void ramFlashEnforcesNandRules() throws IOException {
        RamFlash ram = new RamFlash(G);
        checkRules(ram);
        assertEquals(1, ram.eraseCount(0));
    }

    @Test
    void fileFlashEnforcesNandRulesAndKeepsDataAndBadBlocks() throws IOException {
        Path file = dir.resolve("var/flash.bin");
        try (FileFlash flash = FileFlash.open(file, G)) {
            checkRules(flash);
        }
        assertEquals(G.totalBytes() + G.blockCount(), Files.size(file));
        try (FileFlash again = FileFlash.open(file, G)) {
            byte[] back = new byte[1];
            again.read(256, back, 0, 1);
            assertEquals((byte) 0x5A, back[0]);
            assertTrue(again.isBad(2));
            assertFalse(again.isBad(1));
        }
    }

    @Test
    void fileTooLongIsRefusedNotReshaped() throws IOException {
        Path file = dir.resolve("flash.bin");
        Files.write(file, new byte[5000]);
        FlashException e = assertThrows(FlashException.class, () -> FileFlash.open(file, G));
        assertTrue(e.getMessage().contains("5000 bytes"), e.getMessage());
        assertEquals(5000, Files.size(file));
    }

    @Test
    void fileCutShortKeepsItsPrefixAndReadsErasedBeyond() throws IOException {
        Path file = dir.resolve("flash.bin");
        byte[] prefix = new byte[1000];
        Arrays.fill(prefix, (byte) 0x3C);
        Files.write(file, prefix);
        try (FileFlash flash = FileFlash.open(file, G)) {
            assertEquals(G.totalBytes() + G.blockCount() - 1000, flash.missingBytes());
            byte[] back = new byte[(int) G.totalBytes()];
            flash.read(0, back, 0, back.length);
            assertArrayEquals(prefix, Arrays.copyOf(back, 1000));
            for (int i = 1000; i < back.length; i++) {
                assertEquals(FlashDevice.ERASED, back[i], "offset " + i);
            }
            assertFalse(flash.isBad(3), "a lost bad-block mark reads as good");
        }
        assertEquals(G.totalBytes() + G.blockCount(), Files.size(file));
        try (FileFlash again = FileFlash.open(file, G)) {
            assertEquals(0, again.missingBytes());
        }
    }

    @Test
    void geometryRejectsImpossibleShapes() {
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(300, 1200, 4));
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(256, 1000, 4));
        assertThrows(IllegalArgumentException.class, () -> FlashGeometry.nand(1000));
        assertEquals(512, FlashGeometry.nand(64L << 20).blockCount());
    }
}
