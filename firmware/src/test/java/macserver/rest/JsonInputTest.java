package macserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import macserver.config.ConfigModel;
import macserver.json.JsonArray;
import macserver.json.JsonObject;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What JSON input is refused before it reaches the model, and that a refusal changes nothing. */
class JsonInputTest {
    private ConfigModel model;
    private RestApi api;

    @BeforeEach
    void setUp() {
        model = TestModels.fresh().model;
        api = new RestApi(model);
        TestModels.addUser(model, "reader", "read");
        assertEquals(200, call("admin", "PUT", "/rest/ip/mac-server", "{\"name\":\"s1\"}").status());
    }

    private RestResponse call(String user, String method, String path, String body) {
        return api.handle(new RestRequest(method, path, Map.of(), body == null ? new byte[0]
                : body.getBytes(StandardCharsets.UTF_8), user, null));
    }

    private void assertRefused(String method, String path, String body, String detailPart) {
        RestResponse r = call("admin", method, path, body);
        assertEquals(400, r.status(), body + " -> " + r.body());
        assertTrue(((JsonObject) r.body()).string("detail").contains(detailPart), r.body().toString());
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        assertRefused("PATCH", "/rest/ip/mac-server/s1", "{\"comment\":\"\\ud800x\"}", "unpaired surrogate");
        assertRefused("PATCH", "/rest/ip/mac-server/s1", "{\"comment\":\"x\\udc00\"}", "unpaired surrogate");
        assertEquals(200, call("admin", "PATCH", "/rest/ip/mac-server/s1", "{\"comment\":\"\\ud83d\\ude00\"}").status());
    }

    @Test
    void anArrayIsOnlyForListProperties() {
        assertRefused("PUT", "/rest/ip/mac-server/binding",
                "{\"mac-address\":[\"00:01:02:03:04:05\"],\"server\":\"s1\"}", "expected one value, not a list");
        assertRefused("PATCH", "/rest/ip/mac-server/s1", "{\"comment\":[\"a\",\"b\"]}", "expected one value, not a list");
        assertEquals(0, model.read(() -> model.table(model.schema().menu("ip mac-server binding")).size()));
        assertEquals(200, call("admin", "PATCH", "/rest/ip/service/www", "{\"address\":[\"10.0.0.0/8\",\"127.0.0.1\"]}")
                .status());
    }

    @Test
    void namesThatReadAsIdsNumbersOrCommandsAndBidiControlsAreRefused() {
        for (String name : new String[] {"*1", "0", "42", "[find]", "a]b"}) {
            assertRefused("PUT", "/rest/ip/mac-server", "{\"name\":\"" + name.replace("\\", "\\\\") + "\"}",
                    "must not read as an item id");
        }
        assertRefused("PUT", "/rest/ip/mac-server", "{\"name\":\"ab\\u202Egpj.exe\"}", "bidirectional control");
        assertRefused("PATCH", "/rest/ip/mac-server/s1", "{\"comment\":\"\\u2067x\"}", "bidirectional control");
        assertEquals(1, model.read(() -> model.table(model.schema().menu("ip mac-server")).size()));
        assertEquals(200, call("admin", "PUT", "/rest/ip/mac-server", "{\"name\":\"s-0\"}").status());
    }

    /** The parser's refusals reach the client as 400 "invalid JSON: <why>", and nothing is written. */
    @Test
    void badJsonIsRefusedWithTheReason() {
        assertRefused("PATCH", "/rest/ip/mac-server/s1", "{\"comment\":\"a\",\"comment\":\"b\"}",
                "invalid JSON: duplicate member name \"comment\"");
        assertRefused("PATCH", "/rest/ip/mac-server/s1", "{\"comment\":" + "[".repeat(100) + "]".repeat(100) + "}",
                "invalid JSON: nested deeper than 64 arrays and objects");
        assertRefused("PATCH", "/rest/ip/mac-server/s1", "{\"comment\":\"\\q\"}", "invalid JSON: invalid escape \\\"q\"");
        assertRefused("PATCH", "/rest/ip/mac-server/s1", "{\"comment\":\"a\"} x", "invalid JSON: unexpected 'x' after the JSON value");
        assertRefused("PUT", "/rest/ip/mac-server", "{\"name\":\"s2\",\"max-sessions\":1" + "0".repeat(1000) + "}",
                "invalid JSON: number longer than 1000 characters");
        assertEquals(1, model.read(() -> model.table(model.schema().menu("ip mac-server")).size()));
        assertEquals(null, ((JsonObject) call("admin", "GET", "/rest/ip/mac-server/s1", null).body()).get("comment"));
    }

    @Test
    void getallIsARead() {
        RestResponse r = call("reader", "POST", "/rest/ip/mac-server/getall", "{}");
        assertEquals(200, r.status(), String.valueOf(r.body()));
        assertEquals("s1", ((JsonObject) ((JsonArray) r.body()).get(0)).string("name"));
        assertEquals(500, call("reader", "POST", "/rest/ip/mac-server/set", "{\".id\":\"s1\",\"comment\":\"x\"}").status());
    }
}
