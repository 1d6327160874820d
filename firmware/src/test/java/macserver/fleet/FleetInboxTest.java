package macserver.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FleetInboxTest {
    private static final long MAC = 0x02AA00000001L;

    @Test
    void anOlderVersionArrivingBehindANewerOneIsMarkedForARepublish() throws Exception {
        FleetInbox inbox = new FleetInbox();
        FleetMessage newer = FleetMessage.binding(MAC, "guests", "deny", null, 3_000, "noc-b");
        FleetMessage older = FleetMessage.binding(MAC, "guests", "allow", null, 2_000, "noc-a");
        inbox.message(newer, false);
        inbox.message(older, false);
        FleetInbox.Batch b = inbox.take(10, 0);
        assertEquals(java.util.List.of(newer), b.messages(), "the newer version is kept");
        assertTrue(inbox.takeOvertaken(MAC), "the broker's last arrival is the loser");
        assertFalse(inbox.takeOvertaken(MAC), "the mark is taken once");
    }

    @Test
    void newerVersionsAndRepeatsAreNotMarked() throws Exception {
        FleetInbox inbox = new FleetInbox();
        FleetMessage first = FleetMessage.binding(MAC, "guests", "allow", null, 1_000, "noc");
        FleetMessage second = FleetMessage.binding(MAC, "guests", "deny", null, 2_000, "noc");
        inbox.message(first, false);
        inbox.message(second, false);
        inbox.message(second, true);
        assertEquals(java.util.List.of(second), inbox.take(10, 0).messages());
        assertFalse(inbox.takeOvertaken(MAC));
    }
}
