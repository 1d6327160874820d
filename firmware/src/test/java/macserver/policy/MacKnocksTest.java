package macserver.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MacKnocksTest {
    @Test
    void knocksComeOutOnceWithMacAndServer() {
        MacKnocks k = new MacKnocks(8);
        k.offer(0xFFEEDDCCBBAAL, 7);
        k.offer(0x000000000001L, 65535);
        List<Long> out = new ArrayList<>();
        assertEquals(2, k.drain(out::add));
        assertEquals(0xFFEEDDCCBBAAL, MacKnocks.mac(out.get(0)));
        assertEquals(7, MacKnocks.server(out.get(0)));
        assertEquals(1, MacKnocks.mac(out.get(1)));
        assertEquals(65535, MacKnocks.server(out.get(1)));
        assertEquals(0, k.drain(out::add));
    }

    @Test
    void aFullRingKeepsTheNewestKnocks() {
        MacKnocks k = new MacKnocks(4);
        for (int i = 1; i <= 10; i++) {
            k.offer(i, 1);
        }
        List<Long> macs = new ArrayList<>();
        k.drain(v -> macs.add(MacKnocks.mac(v)));
        assertEquals(List.of(9L, 10L, 7L, 8L), macs);
        assertThrows(IllegalArgumentException.class, () -> new MacKnocks(6));
    }

    @Test
    void theWorkerParksUntilTheFirstKnockAfterADrain() throws Exception {
        MacKnocks k = new MacKnocks(8);
        k.offer(5, 1);
        k.awaitKnock(); // a knock already waits: no park
        List<Long> got = java.util.Collections.synchronizedList(new ArrayList<>());
        k.drain(got::add);
        Thread worker = Thread.ofPlatform().start(() -> {
            while (got.size() < 2) {
                k.awaitKnock();
                k.drain(got::add);
            }
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (worker.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, worker.getState(), "parked with nothing to do, no timed polling");
        k.offer(6, 1);
        worker.join(10_000);
        assertEquals(false, worker.isAlive(), "the knock woke it");
        assertEquals(6, MacKnocks.mac(got.get(1)));
    }
}
