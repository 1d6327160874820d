package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import macserver.system.support.RestFirmware;
import macserver.system.support.RestFirmware.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged firmware's REST API with curl over TLS: the seed's section 7 as written, and refusals. */
class RestApiSystemTest {
    @TempDir
    Path dir;

    @Test
    void theSeedsExamplesWithCurlAndTheirChangesKeptOnFlash() throws Exception {
        Path flash = dir.resolve("flash.img");
        try (RestFirmware fw = RestFirmware.start(flash)) {
            assertEquals(200, fw.curl("admin", "PUT", "/rest/ip/mac-server", "{\"name\":\"my-mac-server\"}").status());
            Answer list = fw.curl("admin", "GET", "/ip/mac-server", null);
            assertEquals(200, list.status());
            assertTrue(list.body().matches("\\[\\{\"\\.id\":\"\\*1\",\"comment\":null,\"default\":false,\"disabled\":false,"
                    + "\"hash\":\"[0-9a-f]{64}\",\"name\":\"my-mac-server\"}]"), list.body());
            Answer created = fw.curl("admin", "POST", "/ip/mac-server/binding",
                    "{\"mac-address\": \"00:01:02:03:04:05\", \"server\": \"my-mac-server\"}");
            assertTrue(created.body().matches("\\{\"\\.id\":\"\\*1\",\"retry\":null,\"time\":\\d{10},\"timeout\":null}"),
                    created.body());
            Answer same = fw.curl("admin", "GET", "/rest/ip/mac-server", null);
            assertTrue(same.body().contains("\"disabled\":\"false\""), same.body());
        }
        try (RestFirmware fw = RestFirmware.start(flash)) {
            Answer bindings = fw.curl("admin", "GET", "/rest/ip/mac-server/binding", null);
            assertTrue(bindings.body().contains("\"mac-address\":\"00:01:02:03:04:05\""), bindings.body());
            assertTrue(bindings.body().contains("\"server\":\"my-mac-server\""), bindings.body());
        }
    }

    @Test
    void refusalsAreClearAndChangeNothing() throws Exception {
        try (RestFirmware fw = RestFirmware.start(dir.resolve("flash.img"))) {
            fw.curl("admin", "PUT", "/rest/ip/mac-server", "{\"name\":\"my-mac-server\"}");
            Answer wrong = fw.curl("nobody", "GET", "/rest/ip/mac-server", null);
            assertEquals(401, wrong.status());
            assertEquals("{\"error\":401,\"message\":\"Unauthorized\"}", wrong.body());
            Answer readOnly = fw.curl("reader", "PUT", "/rest/ip/mac-server/binding",
                    "{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"my-mac-server\"}");
            assertEquals(500, readOnly.status());
            assertTrue(readOnly.body().contains("\"detail\":\"not enough permissions (9)\""), readOnly.body());
            assertEquals(200, fw.curl("reader", "GET", "/rest/ip/mac-server/binding", null).status());
            Answer stale = fw.curl("admin", "PATCH", "/rest/ip/mac-server/*1", "{\"comment\":\"x\"}",
                    "If-Match: \"0000\"");
            assertEquals(412, stale.status());
            assertEquals(400, fw.curl("admin", "POST", "/ip/mac-server/binding",
                    "{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"nonexistent\"}").status());
            assertEquals(400, fw.curl("admin", "PUT", "/rest/ip/mac-server", "{\"name\":").status());
            assertEquals(413, fw.curl("admin", "PUT", "/rest/ip/mac-server",
                    "{\"comment\":\"" + "x".repeat(2 << 20) + "\"}").status());
            Answer after = fw.curl("admin", "GET", "/rest/ip/mac-server", null);
            assertTrue(after.body().startsWith("[{\".id\":\"*1\",") && !after.body().contains("*2"), after.body());
            assertTrue(!after.body().contains("\"comment\""), after.body());
            assertEquals("[]", fw.curl("admin", "GET", "/rest/ip/mac-server/binding", null).body());
        }
    }
}
