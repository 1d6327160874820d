package macserver.config.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Menu;
import macserver.config.Plane;
import macserver.json.JsonObject;
import macserver.rest.RestApi;
import macserver.rest.RestRequest;
import macserver.rest.RestResponse;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/**
 * Settings that hand someone else's rights to whoever controls them (the MQTT agent's user and
 * broker, RADIUS login servers, RADIUS logins on a MAC server) need the policy right: a write
 * user must not be able to make themselves full through them, on any plane.
 */
class DelegatedRightsTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final ModelCliSessions sessions = new ModelCliSessions(t.model, "test");
    private final CliSession admin = sessions.open("admin", Plane.STDIO);
    private final CliSession bob;

    DelegatedRightsTest() {
        assertEquals("", admin.execute("/user add name=bob group=write password=x"));
        assertEquals("", admin.execute("/iot mqtt brokers add name=hq address=192.0.2.1"));
        assertEquals("", admin.execute("/iot mqtt agent set broker=hq user=bob topic-prefix=rtr/r1 enabled=yes"));
        assertEquals("", admin.execute("/radius add address=192.0.2.2 secret=s service=mac-server"));
        assertEquals("", admin.execute("/radius add address=192.0.2.3 secret=s service=login"));
        assertEquals("", admin.execute("/ip mac-server add name=s"));
        bob = sessions.open("bob", Plane.MAC_TELNET);
    }

    private String agentUser() {
        return t.model.read(() -> {
            Menu agent = t.model.schema().menu("iot mqtt agent");
            Integer id = (Integer) t.model.table(agent).get(1)[agent.property("user").index()];
            return t.model.nameById(t.model.schema().menu("user"), id);
        });
    }

    @Test
    void aWriteUserCannotChooseWhoTheAgentActsAsNorWhereItListens() {
        for (String line : new String[] {"/iot mqtt agent set user=admin", "/iot mqtt agent set broker=hq topic-prefix=x",
                "/iot mqtt agent set enabled=no", "/iot mqtt brokers set hq address=198.51.100.7",
                "/iot mqtt brokers add name=mine address=198.51.100.7", "/iot mqtt brokers remove hq"}) {
            assertEquals("not enough permissions (9)\n", bob.execute(line), line);
        }
        assertEquals("bob", agentUser());
        // What decides nothing about rights stays a write matter.
        assertEquals("", bob.execute("/iot mqtt agent set fleet-group=north"));
        assertEquals("", admin.execute("/iot mqtt agent set user=admin"));
        assertEquals("admin", agentUser());
    }

    @Test
    void aWriteUserCannotTouchRadiusLoginServersNorTurnOnRadiusLogins() {
        for (String line : new String[] {"/radius add address=198.51.100.7 secret=mine service=login",
                "/radius set 1 secret=mine", "/radius set 0 service=mac-server,login", "/radius remove 1",
                "/ip mac-server set s authentication=radius,local", "/ip mac-server add name=t authentication=radius"}) {
            bob.execute("/radius print");
            assertEquals("not enough permissions (9)\n", bob.execute(line), line);
        }
        bob.execute("/radius print");
        assertEquals("", bob.execute("/radius set 0 timeout=1s"));
        assertEquals("", bob.execute("/radius add address=198.51.100.8 secret=m service=mac-server"));
        assertEquals("", bob.execute("/ip mac-server set s idle-timeout=1m"));
        assertEquals("", admin.execute("/ip mac-server set s authentication=radius,local"));
    }

    @Test
    void aRadiusGroupWithoutPolicyIsHeldToTheSameRules() {
        CliSession carol = sessions.open("carol", "write", Plane.MAC_TELNET);
        assertEquals("not enough permissions (9)\n", carol.execute("/iot mqtt agent set user=admin"));
        CliSession dave = sessions.open("dave", "full", Plane.MAC_TELNET);
        assertEquals("", dave.execute("/iot mqtt agent set user=admin"));
    }

    @Test
    void overRestTheSameChangesAreRefusedAsRouterOsRefusesThem() {
        RestApi api = new RestApi(t.model);
        RestResponse r = api.handle(new RestRequest("PATCH", "/rest/iot/mqtt/agent", Map.of(),
                "{\"user\":\"admin\"}".getBytes(StandardCharsets.UTF_8), "bob", null));
        assertEquals(500, r.status(), r.body().toString());
        assertTrue(((JsonObject) r.body()).string("detail").contains("not enough permissions (9)"));
        assertEquals("bob", agentUser());
        r = api.handle(new RestRequest("PUT", "/rest/radius", Map.of(),
                "{\"address\":\"198.51.100.7\",\"secret\":\"m\",\"service\":\"login\"}".getBytes(StandardCharsets.UTF_8),
                "bob", null));
        assertEquals(500, r.status(), r.body().toString());
        assertEquals(2, t.model.read(() -> t.model.table(t.model.schema().menu("radius")).size()));
        r = api.handle(new RestRequest("PATCH", "/rest/iot/mqtt/agent", Map.of(),
                "{\"user\":\"admin\"}".getBytes(StandardCharsets.UTF_8), "admin", null));
        assertEquals(200, r.status(), String.valueOf(r.body()));
        assertNull(((JsonObject) r.body()).get("detail"));
    }
}
