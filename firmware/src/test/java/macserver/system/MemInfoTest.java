package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemInfoTest {
    /** The head of a hAP ac2-sized machine's /proc/meminfo (128 MiB less what the kernel keeps). */
    private static final String SMALL_BOARD = """
            MemTotal:         124112 kB
            MemFree:           61244 kB
            MemAvailable:      80356 kB
            Buffers:            2048 kB
            Cached:            21500 kB
            SwapCached:            0 kB
            """;

    @Test
    void totalAndAvailableInBytes() {
        assertEquals(Optional.of(new MemInfo(124112L * 1024, 80356L * 1024)), MemInfo.parse(SMALL_BOARD));
    }

    @Test
    void anOldKernelWithoutMemAvailableGivesMemFree() {
        assertEquals(Optional.of(new MemInfo(2048L * 1024, 1000L * 1024)),
                MemInfo.parse("MemTotal: 2048 kB\nMemFree: 1000 kB\nBuffers: 5 kB\n"));
    }

    @Test
    void nothingUsableIsEmpty() {
        assertEquals(Optional.empty(), MemInfo.parse(""));
        assertEquals(Optional.empty(), MemInfo.parse("MemTotal: 2048 kB\n"), "no free figure");
        assertEquals(Optional.empty(), MemInfo.parse("MemTotal: lots kB\nMemFree: 1 kB\n"));
        assertEquals(Optional.empty(), MemInfo.parse("MemTotal: 2048 MB\nMemFree: 1 kB\n"), "an unknown unit");
        assertEquals(Optional.empty(), MemInfo.read(Path.of("/nonexistent/meminfo")));
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("meminfo");
        Files.writeString(file, SMALL_BOARD);
        assertEquals(124112L * 1024, MemInfo.read(file).orElseThrow().totalBytes());
    }

    @Test
    void thisMachinesOwnFiguresAreSane() {
        Optional<MemInfo> here = MemInfo.read(MemInfo.PROC_MEMINFO);
        if (here.isPresent()) { // Linux
            MemInfo m = here.get();
            assertTrue(m.totalBytes() >= 64L << 20, m.toString());
            assertTrue(m.freeBytes() > 0 && m.freeBytes() <= m.totalBytes(), m.toString());
        }
    }
}
