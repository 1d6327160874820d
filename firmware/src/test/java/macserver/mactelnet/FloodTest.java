package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import macserver.mactelnet.MacServerCounters.Counter;
import org.junit.jupiter.api.Test;

/** A flood of SESSIONSTARTs from random MACs: memory stays bounded and bound MACs still get in. */
class FloodTest {

    private final SessionFixture f = new SessionFixture();
    private final Random random = new Random(42);

    private void flood(int packets) {
        for (int i = 0; i < packets; i++) {
            long mac = (random.nextLong() & 0xFEFF_FFFF_FFFFL) | 0x0200_0000_0000L;
            f.client(mac, random.nextInt(65535)).start();
            if (i % 10 == 0) {
                f.clock.advance(1);
            }
        }
    }

    @Test
    void floodFromRandomMacsIsBoundedAndBoundMacsStillLogIn() throws Exception {
        MacServerConfig config = MacServerConfig.DEFAULTS;
        f.host.bind(SessionFixture.CLIENT_MAC);
        flood(20_000);
        assertTrue(f.server.halfOpenCount() <= config.maxHalfOpen());
        assertEquals(config.maxHalfOpen(), f.server.halfOpenCount(), "the flood filled the half-open table");
        assertTrue(f.server.trackedStartMacs() <= config.rateTableSize());
        assertTrue(f.server.counters().get(Counter.STARTS_RATE_LIMITED) > 0);

        ClientSim c = f.loggedIn("admin", "secret");
        flood(1000);
        c.data(SessionFixture.ascii("still here\r"));
        assertTrue(c.readUntil("did <still here>", 82).contains("did <still here>"));
        assertTrue(f.server.counters().get(Counter.HALF_OPEN_EVICTED) >= 1);
        assertTrue(f.server.sessionCount() <= config.maxHalfOpen() + 1);
    }

    @Test
    void oneMacCannotHoldMoreThanItsShareOfHalfOpenSessions() {
        for (int key = 0; key < 50; key++) {
            f.client(SessionFixture.CLIENT_MAC, key).start();
            f.clock.advance(2000);
        }
        assertEquals(MacServerConfig.DEFAULTS.maxHalfOpenPerMac(), f.server.halfOpenCount());
    }

    @Test
    void startsFromOneMacAreRateLimited() {
        for (int key = 0; key < 10; key++) {
            f.client(SessionFixture.CLIENT_MAC, key).start();
        }
        assertEquals(MacServerConfig.DEFAULTS.startsPerMac().burst(), f.server.sessionCount());
        assertEquals(10 - MacServerConfig.DEFAULTS.startsPerMac().burst(),
                f.server.counters().get(Counter.STARTS_RATE_LIMITED));
    }

    @Test
    void unboundMacsCannotEvictEachOther() {
        flood(5000);
        long evicted = f.server.counters().get(Counter.HALF_OPEN_EVICTED);
        assertEquals(0, evicted);
    }
}
