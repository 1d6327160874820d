package macserver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {

    @Test
    void recordedFiguresReadBackAndTheLastValueWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("figures.txt");
        String old = System.getProperty(Figures.PROPERTY);
        System.setProperty(Figures.PROPERTY, file.toString());
        try {
            Figures.record("login.p50-ms", 1.5);
            Figures.record("store.mount-ms.log", 830);
            Figures.record("login.p50-ms", 2.25);
            Figures.record("echo.p99-ms", Double.NaN);
        } finally {
            if (old == null) {
                System.clearProperty(Figures.PROPERTY);
            } else {
                System.setProperty(Figures.PROPERTY, old);
            }
        }
        Map<String, Double> read = Figures.read(file);
        assertEquals(2.25, read.get("login.p50-ms"));
        assertEquals(830.0, read.get("store.mount-ms.log"));
        assertTrue(read.get("echo.p99-ms").isNaN());
        assertEquals(3, read.size());
    }

    @Test
    void withoutTheFileNothingIsWrittenAndBadNamesAreRefused(@TempDir Path dir) throws Exception {
        System.clearProperty(Figures.PROPERTY);
        Figures.record("a.b", 1);
        assertTrue(Figures.read(dir.resolve("none.txt")).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Figures.record("Bad Name", 1));
        assertEquals(0, Files.list(dir).count());
    }
}
