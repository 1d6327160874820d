package macserver.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcPausesTest {
    private final GcPauses log = GcPauses.parse(List.of(
            "[1000000000ns] Using Serial",
            "[1010000000ns] GC(0) Pause Young (Allocation Failure) 18M->4M(61M) 10.000ms",
            "[2000000000ns] GC(1) Pause Full (System.gc()) 21M->4M(61M) 2.500ms"));

    @Test
    void pausesEndAtTheirTimeStamp() {
        assertEquals(10_000_000, log.overlap(0, Long.MAX_VALUE) - 2_500_000);
        assertEquals(4_000_000, log.overlap(1_006_000_000, 1_500_000_000));
        assertEquals(0, log.overlap(1_010_000_000, 1_997_500_000));
        assertEquals(1_000_000, log.overlap(1_998_500_000, 1_999_000_000) + log.overlap(1_999_000_000, 1_999_500_000));
    }

    @Test
    void theLongestPauseCountsOnlyWhenItTouchesTheWindow() {
        assertEquals(10.0, log.longestMillis(0, Long.MAX_VALUE));
        assertEquals(2.5, log.longestMillis(1_500_000_000, 3_000_000_000L));
        assertEquals(0.0, log.longestMillis(1_100_000_000, 1_200_000_000));
    }
}
