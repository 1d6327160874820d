package macserver.config.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MacIndexTest {

    @Test
    void answersWhatWasPutAndMissingOtherwise() {
        MacIndex index = new MacIndex();
        index.put(0x02_00_00_00_00_01L, 7L << 32 | 3);
        assertEquals(7L << 32 | 3, index.get(0x02_00_00_00_00_01L));
        assertEquals(MacIndex.MISSING, index.get(0x02_00_00_00_00_02L));
        index.put(0x02_00_00_00_00_01L, 9);
        assertEquals(9, index.get(0x02_00_00_00_00_01L));
        assertEquals(1, index.size());
    }

    @Test
    void refusesTheFreeMarkerAndNegativeValues() {
        MacIndex index = new MacIndex();
        assertThrows(IllegalArgumentException.class, () -> index.put(0, 1));
        assertThrows(IllegalArgumentException.class, () -> index.put(1, -1));
        assertEquals(0, index.size());
    }

    /** Random MACs, grown far past the first capacity, with removals that leave holes in probe runs. */
    @Test
    void matchesAHashMapThroughGrowthAndRemovals() {
        MacIndex index = new MacIndex();
        Map<Long, Long> expected = new HashMap<>();
        Random random = new Random(17);
        for (int step = 0; step < 50_000; step++) {
            // A small key space, so puts replace and removes hit often.
            long mac = 1 + random.nextInt(5_000);
            if (random.nextInt(3) == 0) {
                index.remove(mac);
                expected.remove(mac);
            } else {
                long value = random.nextLong() >>> 1;
                index.put(mac, value);
                expected.put(mac, value);
            }
        }
        assertEquals(expected.size(), index.size());
        for (long mac = 1; mac <= 5_000; mac++) {
            assertEquals(expected.getOrDefault(mac, MacIndex.MISSING), index.get(mac), "MAC " + mac);
        }
    }

    @Test
    void clearEmptiesIt() {
        MacIndex index = new MacIndex();
        for (long mac = 1; mac <= 100; mac++) {
            index.put(mac, mac);
        }
        index.clear();
        assertEquals(0, index.size());
        assertEquals(MacIndex.MISSING, index.get(50));
        index.put(50, 5);
        assertEquals(5, index.get(50));
    }
}
