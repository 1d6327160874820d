package macserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

class ManagementEventsTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final CliSession console = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);
    private final RecordingLink link = new RecordingLink();
    private final AtomicLong nanos = new AtomicLong();
    private final ManagementEvents events = new ManagementEvents(t.model, nanos::get, 10, 50);
    private final AtomicInteger stateChanges = new AtomicInteger();

    ManagementEventsTest() {
        t.model.addListener(events);
        events.onStateChange(stateChanges::incrementAndGet);
        events.attach(link, new AgentTopics("rtr/r1"));
        console.execute("/ip mac-server add name=s");
    }

    @Test
    void configurationChangesSayWhoAndThroughWhichPlane() {
        RecordingLink.Sent e = link.last();
        assertEquals("rtr/r1/event/config", e.topic());
        assertEquals("{\"type\":\"config\",\"menu\":\"/ip/mac-server\",\"action\":\"added\",\"id\":\"*1\",\"user\":\"admin\","
                + "\"plane\":\"stdio\",\"name\":\"s\",\"time\":1700000000}", e.payload());
        assertEquals(1, stateChanges.get());
    }

    @Test
    void aChangeARemoteRequestMadeNamesTheRequest() {
        new ModelCliSessions(t.model, "test").open("admin", Plane.MQTT, "req-42").execute("/ip mac-server add name=t");
        assertTrue(link.last().payload().contains("\"user\":\"admin\",\"plane\":\"mqtt\",\"request\":\"req-42\""),
                link.last().payload());
    }

    @Test
    void bindingsAddedRemovedAndExpired() throws Exception {
        console.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s timeout=10s");
        assertTrue(link.last().payload().startsWith("{\"type\":\"binding\",\"action\":\"added\",\"mac-address\":"
                + "\"00:01:02:03:04:05\",\"server\":\"s\",\"user\":\"admin\",\"plane\":\"stdio\""), link.last().payload());
        t.seconds.addAndGet(11);
        Menu b = t.model.schema().menu("ip mac-server binding");
        t.model.write(Origin.SYSTEM, tx -> {
            tx.remove(b, 1);
            return null;
        });
        assertTrue(link.last().payload().contains("\"action\":\"expired\""), link.last().payload());
        console.execute("/ip mac-server binding add mac-address=00:01:02:03:04:06 server=s");
        console.execute("/ip mac-server binding remove [find]");
        assertTrue(link.last().payload().contains("\"action\":\"removed\""), link.last().payload());
    }

    @Test
    void aBigTransactionIsOneSummaryAndTheRateIsLimited() {
        StringBuilder line = new StringBuilder("/ip mac-server binding");
        console.execute(line.toString());
        int before = link.sent.size();
        for (int i = 0; i < 100; i++) {
            console.execute(String.format("add mac-address=00:00:00:00:01:%02X server=s", i));
        }
        // A burst of 50 (one went to the server's add), the rest refused at 10/s with the clock standing still.
        assertEquals(49, link.sent.size() - before);
        nanos.addAndGet(1_000_000_000L);
        console.execute("/ip mac-server binding remove [find]");
        assertEquals("{\"type\":\"binding\",\"menu\":\"/ip/mac-server/binding\",\"added\":0,\"removed\":100,\"changed\":0,"
                + "\"user\":\"admin\",\"plane\":\"stdio\",\"dropped-before\":51,\"time\":1700000000}", link.last().payload());
    }

    @Test
    void sessionsAndLoginsAndNothingWhenDetached() {
        events.sessionOpened(Plane.MAC_TELNET, "admin", "00:01:02:03:04:05", "s");
        assertEquals("{\"type\":\"session\",\"action\":\"opened\",\"plane\":\"mac-telnet\",\"user\":\"admin\","
                + "\"client\":\"00:01:02:03:04:05\",\"server\":\"s\",\"time\":1700000000}", link.last().payload());
        events.loginFailed(Plane.MAC_TELNET, "00:01:02:03:04:05", "s", true);
        assertEquals("rtr/r1/event/login", link.last().topic());
        assertTrue(link.last().payload().contains("\"action\":\"locked-out\""));
        int n = link.sent.size();
        events.attach(null, null);
        events.sessionClosed(Plane.MAC_TELNET, "admin", "00:01:02:03:04:05", "s");
        console.execute("/ip mac-server add name=t");
        assertEquals(n, link.sent.size());
    }

    @Test
    void stateSummaryHasCountsNotBindings() {
        console.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s");
        String s = new String(StateSummary.of(t.model), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"bindings\":1,\"dynamic-bindings\":0,\"servers\":[{\"name\":\"s\",\"default\":false,"
                + "\"disabled\":false,\"bindings\":1}],\"time\":1700000000}", s);
    }
}
