package macserver.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LastSeenTest {
    @Test
    void remembersTheLatestTimeAndForgetsWhenPushedOut() {
        LastSeen seen = new LastSeen(4);
        assertEquals(-1, seen.lastHeard(0x020000000001L));
        seen.touch(0x020000000001L, 100);
        seen.touch(0x020000000001L, 160);
        assertEquals(160, seen.lastHeard(0x020000000001L));
        for (long mac = 0x020000000002L; mac < 0x020000000002L + 1000; mac++) {
            seen.touch(mac, 200);
        }
        long known = 0;
        for (long mac = 0x020000000001L; mac < 0x020000000002L + 1000; mac++) {
            if (seen.lastHeard(mac) >= 0) {
                known++;
            }
        }
        assertEquals(16, known, "a 16-slot table keeps at most 16 MACs");
    }
}
