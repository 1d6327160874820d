package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import macserver.system.support.RestFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, rows 1 and 2, as an intruder holding a {@code write} account tried them over REST
 * against the packaged firmware: pointing the MQTT agent at {@code admin}, or adding a RADIUS
 * login server they control and turning RADIUS logins on, would make them {@code full}. Each
 * needs the policy right now, and nothing of the refused change is applied.
 */
class DelegatedRightsSystemTest {
    @TempDir
    Path dir;

    @Test
    void aWriteUserCannotHandThemselvesAdminsRightsThroughTheAgentOrRadius() throws Exception {
        try (RestFirmware fw = RestFirmware.start(dir.resolve("flash.img"))) {
            fw.console().send("/user add name=bob group=write password=x");
            fw.console().send("/iot mqtt brokers add name=hq address=127.0.0.1 port=9");
            fw.console().send("/iot mqtt agent set broker=hq user=bob topic-prefix=rtr/v1/bob");
            fw.console().send("/ip mac-server add name=s");
            fw.console().send("/system identity print");
            fw.console().await("name: MikroTik", 60);

            String[][] attacks = {
                {"PATCH", "/rest/iot/mqtt/agent", "{\"user\":\"admin\"}"},
                {"PATCH", "/rest/iot/mqtt/agent", "{\"topic-prefix\":\"mine\",\"enabled\":\"yes\"}"},
                {"PUT", "/rest/iot/mqtt/brokers", "{\"name\":\"evil\",\"address\":\"127.0.0.1\"}"},
                {"PATCH", "/rest/iot/mqtt/brokers/hq", "{\"address\":\"192.0.2.66\"}"},
                {"PUT", "/rest/radius", "{\"address\":\"127.0.0.1\",\"secret\":\"mine\",\"service\":\"login\"}"},
                {"PATCH", "/rest/ip/mac-server/s", "{\"authentication\":\"radius,local\"}"},
                {"PUT", "/rest/ip/mac-server", "{\"name\":\"t\",\"authentication\":\"radius\"}"},
            };
            for (String[] a : attacks) {
                RestFirmware.Answer r = fw.curl("bob", a[0], a[1], a[2]);
                assertEquals(500, r.status(), a[0] + " " + a[1] + ": " + r.body());
                assertTrue(r.body().contains("not enough permissions (9)"), r.body());
            }
            // Nothing of it stuck, and bob is still only write.
            RestFirmware.Answer agent = fw.curl("admin", "GET", "/rest/iot/mqtt/agent", null);
            assertTrue(agent.body().contains("\"user\":\"bob\"") && agent.body().contains("\"topic-prefix\":\"rtr/v1/bob\""),
                    agent.body());
            assertEquals("[]", fw.curl("admin", "GET", "/rest/radius", null).body().strip());
            assertTrue(fw.curl("admin", "GET", "/rest/ip/mac-server/s", null).body().contains("\"authentication\":\"local\""));
            assertEquals(500, fw.curl("bob", "PATCH", "/rest/user/bob", "{\"group\":\"full\"}").status());
            // The same settings stay a write matter where they hand out no rights, and admin may make them.
            assertEquals(200, fw.curl("bob", "PUT", "/rest/radius",
                    "{\"address\":\"127.0.0.1\",\"secret\":\"m\",\"service\":\"mac-server\"}").status());
            assertEquals(200, fw.curl("admin", "PATCH", "/rest/ip/mac-server/s", "{\"authentication\":\"radius,local\"}")
                    .status());
            assertEquals(200, fw.curl("admin", "PATCH", "/rest/iot/mqtt/agent", "{\"user\":\"admin\"}").status());
        }
    }
}
