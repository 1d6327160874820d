package macserver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No MTD device exists here: the ABI is checked against mtd-abi.h, and the error path on a plain file. */
class MtdFlashTest {
    @TempDir
    Path dir;

    @Test
    void structLayoutsMatchTheKernelHeader() {
        // sizeof/offsetof as printed by gcc for <mtd/mtd-abi.h> on x86-64 (identical on ARM and MIPS Linux).
        assertEquals(32, MtdAbi.MTD_INFO_USER.byteSize());
        assertEquals(0, MtdFlash.offset("type"));
        assertEquals(4, MtdFlash.offset("flags"));
        assertEquals(8, MtdFlash.offset("size"));
        assertEquals(12, MtdFlash.offset("erasesize"));
        assertEquals(16, MtdFlash.offset("writesize"));
        assertEquals(20, MtdFlash.offset("oobsize"));
        assertEquals(24, MtdFlash.offset("padding"));
        assertEquals(8, MtdAbi.ERASE_INFO_USER.byteSize());
        assertEquals(4, MtdAbi.ERASE_INFO_USER.byteOffset(MemoryLayout.PathElement.groupElement("length")));
    }

    @Test
    void ioctlNumbersMatchTheKernelHeader() {
        assertEquals(0x80204d01, MtdAbi.MEMGETINFO);
        assertEquals(0x40084d02, MtdAbi.MEMERASE);
        assertEquals(0x40084d0b, MtdAbi.MEMGETBADBLOCK);
        assertEquals(0x40084d0c, MtdAbi.MEMSETBADBLOCK);
    }

    @Test
    void regularFileIsRefusedWithENOTTY() throws IOException {
        Path file = Files.write(dir.resolve("not-mtd"), new byte[4096]);
        FlashException e = assertThrows(FlashException.class, () -> MtdFlash.open(file));
        assertTrue(e.getMessage().contains("is not an MTD device"), e.getMessage());
        assertTrue(e.getMessage().contains("ENOTTY"), e.getMessage());
    }

    @Test
    void missingDeviceIsRefusedWithENOENT() {
        FlashException e = assertThrows(FlashException.class, () -> MtdFlash.open(dir.resolve("mtd9")));
        assertTrue(e.getMessage().contains("ENOENT"), e.getMessage());
    }
}
