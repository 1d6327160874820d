package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Token buckets for session starts: burst, refill, per-MAC table bound, bound and unbound apart. */
class StartLimiterTest {

    @Test
    void bucketGivesItsBurstThenRefills() {
        TokenBucket b = new TokenBucket(new RateLimit(3, 2), 0);
        assertTrue(b.tryTake(0));
        assertTrue(b.tryTake(0));
        assertTrue(b.tryTake(0));
        assertFalse(b.tryTake(0));
        assertFalse(b.tryTake(499));
        assertTrue(b.tryTake(500), "2 per second: one token after 500 ms");
        assertFalse(b.tryTake(500));
        assertFalse(b.tryTake(-10_000), "a clock stepping back refills nothing");
    }

    @Test
    void unboundFloodLeavesTheBoundBucketAlone() {
        MacServerConfig c = MacServerConfig.DEFAULTS.withStartLimits(new RateLimit(1, 1), new RateLimit(2, 1),
                new RateLimit(2, 1));
        StartLimiter limiter = new StartLimiter(c, 0);
        assertTrue(limiter.tryStart(1, false, 0));
        assertTrue(limiter.tryStart(2, false, 0));
        assertFalse(limiter.tryStart(3, false, 0), "unbound bucket empty");
        assertTrue(limiter.tryStart(4, true, 0));
        assertFalse(limiter.tryStart(4, true, 0), "per-MAC bucket empty");
    }

    @Test
    void perMacTableIsBounded() {
        StartLimiter limiter = new StartLimiter(MacServerConfig.DEFAULTS, 0);
        for (int mac = 0; mac < 5000; mac++) {
            limiter.tryStart(mac, false, mac);
        }
        assertEquals(MacServerConfig.DEFAULTS.rateTableSize(), limiter.trackedMacs());
    }
}
