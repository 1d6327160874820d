package macserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventRateTest {
    @Test
    void burstThenRateAndCountsWhatItRefused() {
        AtomicLong nanos = new AtomicLong();
        EventRate r = new EventRate(nanos::get, 10, 3);
        assertTrue(r.allow());
        assertTrue(r.allow());
        assertTrue(r.allow());
        assertFalse(r.allow());
        assertFalse(r.allow());
        assertEquals(2, r.takeRefused());
        assertEquals(0, r.takeRefused());
        nanos.addAndGet(100_000_000L);
        assertTrue(r.allow());
        assertFalse(r.allow());
    }
}
