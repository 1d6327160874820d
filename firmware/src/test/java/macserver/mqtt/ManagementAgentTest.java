package macserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.cli.Permissions;
import macserver.config.Menu;
import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** Requests through an in-memory link, run by the real CLI over a factory-default model. */
class ManagementAgentTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final ModelCliSessions sessions = new ModelCliSessions(t.model, "test");
    private final CliSession console = sessions.open("admin", Plane.STDIO);
    private final RecordingLink link = new RecordingLink();
    private final AtomicReference<String> user = new AtomicReference<>("ops");
    private final ManagementAgent agent = new ManagementAgent(link, sessions, new AgentTopics("rtr/r1"), "isp",
            user::get, name -> Permissions.of(t.model, name), new AnsweredRequests(t.model));

    ManagementAgentTest() {
        console.execute("/user add name=ops group=write password=x");
        console.execute("/user add name=viewer group=read password=x");
        agent.start();
    }

    private int bindings() {
        return t.model.read(() -> t.model.table(t.model.schema().menu("ip mac-server binding")).size());
    }

    @Test
    void aRequestsChangesNameTheAgentUserAndTheRequest() {
        java.util.List<macserver.config.Origin> origins = new java.util.ArrayList<>();
        t.model.addListener((changes, origin) -> {
            if (origin.plane() == Plane.MQTT) {
                origins.add(origin); // not the router's own record of answered requests
            }
        });
        link.request("rtr/r1/request", "{\"id\":\"r-7\",\"line\":\"/ip mac-server add name=a\"}", "ctl/reply",
                new byte[] {9});
        link.request("rtr/r1/request", "/ip mac-server add name=b", "ctl/reply", new byte[] {0x0a, 0x0b});
        assertEquals(java.util.List.of("ops mqtt r-7", "ops mqtt 0a0b"), origins.stream()
                .map(o -> o.user() + " " + o.plane().name().toLowerCase(java.util.Locale.ROOT) + " " + o.request()).toList());
    }

    @Test
    void theSeedsCommandsAreAnsweredOnTheResponseTopicWithTheCorrelationData() {
        link.request("rtr/r1/request", "/ip mac-server add name=my-mac-server", "ctl/reply", new byte[] {1});
        assertEquals("", link.last().payload());
        assertEquals("ctl/reply", link.last().topic());
        assertArrayEquals(new byte[] {1}, link.last().correlation());
        link.request("rtr/r1/request", "/ip mac-server binding\nadd mac-address=00:01:02:03:04:05 server=my-mac-server",
                "ctl/reply", new byte[] {2});
        link.request("rtr/r1/request", "/ip mac-server set my-mac-server default", "ctl/reply", new byte[] {3});
        link.request("rtr/r1/request", "/ip mac-server print", "ctl/reply", new byte[] {4});
        assertTrue(link.last().payload().contains("* my-mac-server") || link.last().payload().matches("(?s).*\\*\\s+my-mac-server.*"),
                link.last().payload());
        assertEquals(1, bindings());
        assertEquals(4, link.sent.size());
    }

    @Test
    void aRedeliveredRequestIsAnsweredAgainButAppliedOnce() {
        console.execute("/ip mac-server add name=s");
        String add = "/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s";
        link.request("rtr/r1/request", add, "ctl/reply", new byte[] {9});
        link.request("rtr/r1/request", add, "ctl/reply", new byte[] {9});
        assertEquals(1, bindings());
        assertEquals(2, link.sent.size());
        assertEquals(link.sent.get(0).payload(), link.sent.get(1).payload());
        // A new correlation is a new request: the duplicate MAC is refused by the model, not the cache.
        link.request("rtr/r1/request", add, "ctl/reply", new byte[] {10});
        assertTrue(link.last().payload().contains("already"), link.last().payload());
    }

    @Test
    void jsonIdsAlsoDeduplicateAndJsonGetsJsonAnswers() {
        console.execute("/ip mac-server add name=s");
        String op = "{\"id\":\"a1\",\"menu\":\"/ip/mac-server/binding\",\"command\":\"add\","
                + "\"arguments\":{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"s\"}}";
        link.request("rtr/r1/request", op, "ctl/reply", null);
        link.request("rtr/r1/request", op, "ctl/reply", null);
        assertEquals(1, bindings());
        assertEquals("{\"id\":\"a1\",\"status\":\"ok\",\"output\":\"\"}", link.last().payload());
        link.request("rtr/r1/request", "{\"id\":\"a2\",\"menu\":\"/ip/mac-server\",\"command\":\"frobnicate\"}",
                "ctl/reply", null);
        assertEquals("{\"id\":\"a2\",\"status\":\"error\",\"error\":\"bad command name frobnicate (line 1 column 16)\"}",
                link.last().payload());
    }

    @Test
    void errorsAreTheConsolesAndStopTheRestOfTheRequest() {
        link.request("rtr/r1/request", "/ip mac-server add name=s\n/ip foo\n/ip mac-server add name=t", "ctl/reply", null);
        assertEquals("bad command name foo (line 1 column 5)\n", link.last().payload());
        assertEquals(1, t.model.read(() -> t.model.table(t.model.schema().menu("ip mac-server")).size()));
    }

    @Test
    void malformedPayloadsGetAnErrorAnswer() {
        link.request("rtr/r1/request", "{\"menu\":", "ctl/reply", new byte[] {5});
        assertTrue(link.last().payload().startsWith("{\"status\":\"error\",\"error\":\"failure: malformed request"),
                link.last().payload());
        link.request("rtr/r1/request", "", null, null);
        assertEquals("rtr/r1/response", link.last().topic());
        assertEquals("failure: malformed request (empty)\n", link.last().payload());
    }

    @Test
    void requestsGetTheAgentUsersPermissionsOnly() {
        user.set("viewer");
        link.request("rtr/r1/request", "/ip mac-server add name=s", "ctl/reply", null);
        assertEquals("not enough permissions (9)\n", link.last().payload());
        link.request("rtr/r1/request", "/user add name=x group=full password=y", "ctl/reply", null);
        user.set("ops");
        link.request("rtr/r1/request", "/user add name=x group=full password=y", "ctl/reply", null);
        assertEquals("not enough permissions (9)\n", link.last().payload());
        user.set(null);
        link.request("rtr/r1/request", "/ip mac-server print", "ctl/reply", null);
        assertTrue(link.last().payload().startsWith("failure: no user for remote requests"));
        Menu users = t.model.schema().menu("user");
        assertEquals(-1, t.model.read(() -> t.model.idByName(users, "x")));
    }

    @Test
    void aRetainedRequestIsAnsweredWithAnErrorAndNotRun() {
        link.request("rtr/r1/request", "/ip mac-server add name=s", "ctl/reply", new byte[] {7}, true);
        assertEquals("failure: retained request ignored (publish requests without the retain flag)\n",
                link.last().payload());
        assertEquals("ctl/reply", link.last().topic());
        link.request("rtr/r1/request", "{\"id\":\"r\",\"line\":\"/ip mac-server add name=s\"}", null, null, true);
        assertTrue(link.last().payload().startsWith("{\"id\":\"r\",\"status\":\"error\",\"error\":\"failure: retained"),
                link.last().payload());
        assertEquals(0, t.model.read(() -> t.model.table(t.model.schema().menu("ip mac-server")).size()));
        // The same request published live runs: the retained copy did not poison its correlation.
        link.request("rtr/r1/request", "/ip mac-server add name=s", "ctl/reply", new byte[] {7});
        assertEquals(1, t.model.read(() -> t.model.table(t.model.schema().menu("ip mac-server")).size()));
    }

    @Test
    void responseTopicsInTheFleetsOrTheRoutersTreeAreRefusedAndTheRequestIsNotRun() {
        console.execute("/ip mac-server add name=s");
        String add = "/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s";
        for (String topic : new String[] {"isp/fleet/north/binding/00:01:02:03:04:05", "other/fleet/g/binding/x",
                "rtr/r1/request", "rtr/r1/status", "rtr/r2/request", "rtr/r2/state", "$SYS/x", "a/+/b"}) {
            link.request("rtr/r1/request", add, topic, new byte[] {1});
            assertEquals("rtr/r1/response", link.last().topic(), topic);
            assertTrue(link.last().payload().startsWith("failure: "), link.last().payload());
            assertArrayEquals(new byte[] {1}, link.last().correlation());
        }
        assertEquals(0, bindings());
        link.request("rtr/r1/request", add, "rtr/r1/response", new byte[] {2});
        link.request("rtr/r1/request", "/ip mac-server binding print count-only", "ctl/ops/reply", new byte[] {3});
        assertEquals("ctl/ops/reply", link.last().topic());
        assertEquals("1", link.last().payload().strip());
    }

    @Test
    void aRequestThatChangedSomethingIsNotRunAgainAfterARestart() {
        String add = "/radius add address=192.0.2.9 secret=s service=mac-server";
        link.request("rtr/r1/request", add, "ctl/reply", new byte[] {4});
        link.request("rtr/r1/request", "/radius print count-only", "ctl/reply", new byte[] {5});
        assertEquals("1", link.last().payload().strip());
        // A new agent over the same configuration: what a restart leaves (the model is what flash gives back).
        RecordingLink after = new RecordingLink();
        new ManagementAgent(after, sessions, new AgentTopics("rtr/r1"), "isp", user::get,
                name -> Permissions.of(t.model, name), new AnsweredRequests(t.model)).start();
        after.request("rtr/r1/request", add, "ctl/reply", new byte[] {4});
        assertTrue(after.last().payload().startsWith("failure: request already applied before the router restarted"),
                after.last().payload());
        // A read is not recorded (nothing to protect): it simply runs again.
        after.request("rtr/r1/request", "/radius print count-only", "ctl/reply", new byte[] {5});
        assertEquals("1", after.last().payload().strip());
        int stored = t.model.read(() -> {
            Menu m = t.model.schema().menu(macserver.config.menus.IotMenus.ANSWERED_MENU);
            return ((byte[]) t.model.table(m).get(1)[m.property("digests").index()]).length;
        });
        assertEquals(16, stored);
    }

    @Test
    void theRecordOfAnsweredRequestsIsBounded() {
        AnsweredRequests stored = new AnsweredRequests(t.model);
        for (int i = 0; i < AnsweredRequests.CAPACITY + 10; i++) {
            stored.remember("k" + i);
        }
        assertTrue(!stored.contains("k0") && !stored.contains("k9"));
        assertTrue(stored.contains("k10") && stored.contains("k" + (AnsweredRequests.CAPACITY + 9)));
    }

    @Test
    void requestsNeedTheApiPolicy() {
        console.execute("/user group add name=no-api policy=read,write");
        console.execute("/user add name=scripted group=no-api password=x");
        user.set("scripted");
        link.request("rtr/r1/request", "/ip mac-server add name=s", "ctl/reply", null);
        assertTrue(link.last().payload().startsWith("not enough permissions (9): requests over MQTT need the api policy"),
                link.last().payload());
        assertEquals(0, t.model.read(() -> t.model.table(t.model.schema().menu("ip mac-server")).size()));
        console.execute("/user group set no-api policy=read,write,api");
        link.request("rtr/r1/request", "/ip mac-server add name=s", "ctl/reply", null);
        assertEquals("", link.last().payload());
    }

    @Test
    void stopEndsTheSubscription() {
        agent.stop();
        link.request("rtr/r1/request", "/ip mac-server add name=s", "ctl/reply", null);
        assertTrue(link.sent.isEmpty());
    }
}
