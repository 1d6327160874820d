package macserver.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        LatencySamples s = new LatencySamples();
        for (int i = 100; i >= 1; i--) {
            s.add(i * 1_000_000L);
        }
        assertEquals(100, s.count());
        assertEquals(50_000_000, s.percentile(50));
        assertEquals(99_000_000, s.percentile(99));
        assertEquals(100_000_000, s.percentile(100));
        assertEquals(1.0, s.millis(0.5));
    }

    @Test
    void growsPastItsFirstArrayAndSmallSetsRoundUp() {
        LatencySamples s = new LatencySamples();
        for (int i = 0; i < 5000; i++) {
            s.add(i);
        }
        assertEquals(4949, s.percentile(99));
        LatencySamples three = new LatencySamples();
        three.add(30);
        three.add(10);
        three.add(20);
        assertEquals(20, three.percentile(50));
        assertEquals(30, three.percentile(99));
    }

    @Test
    void emptyIsNotANumberAndBadInputIsRefused() {
        LatencySamples s = new LatencySamples();
        assertTrue(Double.isNaN(s.percentile(50)));
        assertThrows(IllegalArgumentException.class, () -> s.add(-1));
        assertThrows(IllegalArgumentException.class, () -> s.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> s.percentile(101));
    }
}
