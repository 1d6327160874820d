package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import macserver.mactelnet.testsupport.FakeClock;
import macserver.mactelnet.testsupport.FakeMacServerHost;
import org.junit.jupiter.api.Test;

/** The open-addressing session table against a HashMap, through random adds and removes. */
class SessionTableTest {

    private final FakeMacServerHost host = new FakeMacServerHost();
    private final SessionContext ctx = new SessionContext(host, host, host, host, MacServerConfig.DEFAULTS,
            new FakeClock(0), new java.security.SecureRandom(), Thread.ofVirtual().factory(), () -> { }, s -> { });

    private MacTelnetSession session(long mac, int key) {
        return new MacTelnetSession(ctx, key, mac, 1, 1, 1500, 0, false, 0);
    }

    @Test
    void behavesLikeAMap() {
        SessionTable table = new SessionTable(64);
        Map<Long, MacTelnetSession> model = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            // Few distinct MACs and keys, so probe runs collide and wrap.
            long mac = random.nextInt(16);
            int key = random.nextInt(16);
            long k = SessionTable.key(mac, key);
            if (model.containsKey(k) && random.nextBoolean()) {
                table.remove(k);
                model.remove(k);
            } else if (!model.containsKey(k) && model.size() < 64) {
                MacTelnetSession s = session(mac, key);
                table.put(k, s);
                model.put(k, s);
            }
            assertEquals(model.size(), table.size());
            for (Map.Entry<Long, MacTelnetSession> e : model.entrySet()) {
                assertSame(e.getValue(), table.get(e.getKey()));
            }
        }
    }

    @Test
    void refusesMoreThanItsCapacity() {
        SessionTable table = new SessionTable(3);
        for (int i = 0; i < 3; i++) {
            table.put(i, session(i, 0));
        }
        assertThrows(IllegalStateException.class, () -> table.put(99, session(99, 0)));
    }

    @Test
    void keyPacksMacAndSessionKey() {
        assertEquals(0x0200_0000_0001_1234L, SessionTable.key(0x02_00_00_00_00_01L, 0x1234));
    }
}
