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
}
