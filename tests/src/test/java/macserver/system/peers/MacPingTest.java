package macserver.system.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing macping's output (lines copied from reference runs). */
class MacPingTest {
    @Test
    void readsRepliesAndTheSummary() {
        MacPing.Result result = MacPing.parse(run(0, """
                c6:f3:5b:2:5e:48 56 byte, ping time 0.92 ms
                c6:f3:5b:2:5e:48 56 byte, ping time 0.32 ms DUP

                2 packets transmitted, 2 packets received, 0% packet loss
                round-trip min/avg/max = 0.32/0.62/0.92 ms
                """));
        assertEquals(List.of(new MacPing.Reply("c6:f3:5b:2:5e:48", 56, 0.92, false),
                new MacPing.Reply("c6:f3:5b:2:5e:48", 56, 0.32, true)), result.replies());
        assertEquals(2, result.transmitted());
        assertEquals(2, result.received());
        assertEquals(0, result.lossPercent());
        assertEquals(0, result.unequal());
        assertTrue(result.hasSummary());
    }

    @Test
    void countsTimeoutsAndUnequalReplies() {
        MacPing.Result result = MacPing.parse(run(0, """
                ba:30:96:d7:8d:fe ping timeout
                ba:30:96:d7:8d:fe Reply of 56 bytes of unequal data

                2 packets transmitted, 1 packets received, 50% packet loss
                """));
        assertTrue(result.replies().isEmpty());
        assertEquals(1, result.unequal());
        assertEquals(1, result.received());
        assertEquals(50, result.lossPercent());
    }

    @Test
    void withoutASummaryTheCountsAreMinusOne() {
        MacPing.Result result = MacPing.parse(run(-1, "Error sending packet.\n"));
        assertFalse(result.hasSummary());
        assertEquals(-1, result.received());
    }

    private static ProcessRun run(int status, String output) {
        return new ProcessRun(List.of("macping"), status, output, status < 0);
    }
}
