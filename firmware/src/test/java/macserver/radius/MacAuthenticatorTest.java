package macserver.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MacAuthenticatorTest {
    private static final long MAC = 0x001122334455L;
    private static final long SECOND = 1_000_000_000L;
    private static final MacAuthenticator.Settings SETTINGS =
            new MacAuthenticator.Settings(MacFormat.COLONS, "router-1", 60 * SECOND, 10 * SECOND);

    private final ArrayDeque<Runnable> executor = new ArrayDeque<>();
    private final long[] now = {0};
    private final AtomicInteger asked = new AtomicInteger();
    private final List<AccessRequest> requests = new ArrayList<>();
    private final List<MacAuthenticator.Outcome> outcomes = new ArrayList<>();
    private int answerCode = RadiusResponse.ACCESS_ACCEPT;

    private final MacAuthenticator auth = new MacAuthenticator(() -> request -> {
        asked.incrementAndGet();
        requests.add(request);
        return answerCode == 0 ? Optional.empty() : Optional.of(new RadiusResponse(answerCode, List.of()));
    }, executor::add, () -> now[0], (mac, server, outcome, response) -> outcomes.add(outcome));

    private void runAll() {
        while (!executor.isEmpty()) {
            executor.poll().run();
        }
    }

    @Test
    void requestsAreCoalescedWhileOneIsOut() {
        for (int i = 0; i < 1000; i++) {
            assertTrue(auth.request(MAC, 1, SETTINGS).isEmpty());
        }
        assertEquals(1, executor.size());
        runAll();
        assertEquals(1, asked.get());
        assertEquals(List.of(MacAuthenticator.Outcome.ACCEPT), outcomes);
    }

    @Test
    void acceptIsCachedForItsLifetime() {
        auth.request(MAC, 1, SETTINGS);
        runAll();
        now[0] += 59 * SECOND;
        assertEquals(Optional.of(MacAuthenticator.Outcome.ACCEPT), auth.request(MAC, 1, SETTINGS));
        now[0] += 2 * SECOND;
        assertTrue(auth.request(MAC, 1, SETTINGS).isEmpty());
        runAll();
        assertEquals(2, asked.get());
    }

    @Test
    void rejectAndUnavailableUseTheRejectLifetime() {
        answerCode = RadiusResponse.ACCESS_REJECT;
        auth.request(MAC, 1, SETTINGS);
        runAll();
        now[0] += 9 * SECOND;
        assertEquals(Optional.of(MacAuthenticator.Outcome.REJECT), auth.request(MAC, 1, SETTINGS));
        answerCode = 0;
        now[0] += 2 * SECOND;
        auth.request(MAC, 1, SETTINGS);
        runAll();
        assertEquals(Optional.of(MacAuthenticator.Outcome.UNAVAILABLE), auth.request(MAC, 1, SETTINGS));
        assertEquals(List.of(MacAuthenticator.Outcome.REJECT, MacAuthenticator.Outcome.UNAVAILABLE), outcomes);
    }

    @Test
    void serversAndMacsAreCachedApart() {
        auth.request(MAC, 1, SETTINGS);
        auth.request(MAC, 2, SETTINGS);
        auth.request(MAC + 1, 1, SETTINGS);
        runAll();
        assertEquals(3, asked.get());
        auth.clear();
        assertEquals(0, auth.size());
    }

    @Test
    void requestCarriesTheFormattedMac() {
        auth.request(MAC, 1, new MacAuthenticator.Settings(MacFormat.PLAIN, "router-1", 0, 0));
        runAll();
        AccessRequest r = requests.get(0);
        assertEquals("001122334455", new String(r.password()));
        assertEquals(RadiusAttribute.text(RadiusAttribute.USER_NAME, "001122334455"), r.attributes().get(0));
        assertEquals(RadiusAttribute.text(RadiusAttribute.CALLING_STATION_ID, "00-11-22-33-44-55"), r.attributes().get(1));
        assertEquals(RadiusAttribute.text(RadiusAttribute.NAS_IDENTIFIER, "router-1"), r.attributes().get(2));
        // A zero lifetime caches nothing: the next knock asks again.
        assertTrue(auth.request(MAC, 1, SETTINGS).isEmpty());
    }
}
