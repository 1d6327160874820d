package macserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.json.JsonWriter;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestApiTest {
    /** A common client's JSON reader, so that the answers are checked as a client reads their bytes. */
    private static final ObjectMapper CLIENT = new ObjectMapper();

    /** An answer as the client sees it. */
    private record Answer(int status, JsonNode body, String etag) {
        static Answer of(RestResponse r) {
            try {
                return new Answer(r.status(), r.body() == null ? null : CLIENT.readTree(JsonWriter.utf8(r.body())), r.etag());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private TestModels.Clocked clocked;
    private ConfigModel model;
    private RestApi api;

    @BeforeEach
    void setUp() throws Exception {
        clocked = TestModels.fresh();
        model = clocked.model;
        api = new RestApi(model);
        model.write(Origin.SYSTEM, tx -> {
            Menu users = model.schema().menu("user");
            tx.add(users, Map.of(users.property("name"), "reader",
                    users.property("group"), model.idByName(model.schema().menu("user group"), "read")));
            return null;
        });
        assertEquals(200, call("admin", "PUT", "/rest/ip/mac-server", "{\"name\":\"my-mac-server\"}", null).status());
    }

    private Answer call(String user, String method, String path, String body, String ifMatch) {
        return Answer.of(api.handle(new RestRequest(method, path, Map.of(), body == null ? new byte[0]
                : body.getBytes(StandardCharsets.UTF_8), user, ifMatch)));
    }

    private Answer call(String method, String path, String body) {
        return call("admin", method, path, body, null);
    }

    private int bindings() {
        return model.read(() -> model.table(model.schema().menu("ip mac-server binding")).size());
    }

    @Test
    void seedListOfServersHasExactlyTheSeedsFieldsAndTypes() {
        Answer r = call("GET", "/ip/mac-server", null);
        assertEquals(200, r.status());
        JsonNode item = r.body().get(0);
        assertEquals(List.of(".id", "comment", "default", "disabled", "hash", "name"), names(item));
        assertTrue(item.get("comment").isNull());
        assertTrue(item.get("default").isBoolean() && !item.get("default").asBoolean());
        assertTrue(item.get("disabled").isBoolean());
        assertEquals("my-mac-server", item.get("name").asText());
        assertEquals("*1", item.get(".id").asText());
        assertEquals(64, item.get("hash").asText().length());
    }

    @Test
    void seedBindingPostAnswersTimeRetryTimeout() {
        Answer r = call("POST", "/ip/mac-server/binding",
                "{\"mac-address\": \"00:01:02:03:04:05\", \"server\": \"my-mac-server\"}");
        assertEquals(200, r.status(), r.body().toString());
        assertEquals(List.of(".id", "retry", "time", "timeout"), names(r.body()));
        assertTrue(r.body().get("retry").isNull());
        assertTrue(r.body().get("timeout").isNull());
        assertTrue(r.body().get("time").isNumber());
        assertEquals(clocked.seconds.get(), r.body().get("time").asLong());
        assertEquals(1, bindings());
    }

    @Test
    void restPrefixAnswersInRouterOsShapeWithStringsOnly() {
        call("PUT", "/rest/ip/mac-server/binding", "{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"my-mac-server\"}");
        JsonNode servers = call("GET", "/rest/ip/mac-server", null).body();
        assertEquals("false", servers.get(0).get("disabled").asText());
        assertTrue(servers.get(0).get("disabled").isTextual());
        assertTrue(!servers.get(0).has("comment"), "unset properties are left out");
        JsonNode binding = call("GET", "/rest/ip/mac-server/binding/*1", null).body();
        assertEquals("00:01:02:03:04:05", binding.get("mac-address").asText());
        assertEquals(String.valueOf(clocked.seconds.get()), binding.get("time").asText());
        JsonNode created = call("POST", "/rest/ip/mac-server/binding",
                "{\"mac-address\":\"00:01:02:03:04:06\",\"server\":\"my-mac-server\"}").body();
        assertEquals(List.of(".id", "time"), names(created));
    }

    @Test
    void everyVerbOnServersAndBindings() {
        Answer put = call("PUT", "/rest/ip/mac-server", "{\"name\":\"second\",\"disabled\":true}");
        assertEquals("*2", put.body().get(".id").asText());
        assertEquals("true", put.body().get("disabled").asText());
        assertEquals(put.etag(), put.body().get("hash").asText());

        Answer byName = call("GET", "/rest/ip/mac-server/second", null);
        assertEquals("*2", byName.body().get(".id").asText());

        Answer patched = call("PATCH", "/rest/ip/mac-server/*2", "{\"comment\":\"lab\",\"max-sessions\":5}");
        assertEquals("lab", patched.body().get("comment").asText());
        assertEquals("5", patched.body().get("max-sessions").asText());

        assertEquals(200, call("POST", "/rest/ip/mac-server/enable", "{\".id\":\"*2\"}").status());
        assertEquals("false", call("GET", "/rest/ip/mac-server/*2", null).body().get("disabled").asText());
        assertEquals(200, call("POST", "/rest/ip/mac-server/disable", "{\"numbers\":\"second\"}").status());
        assertEquals("true", call("GET", "/rest/ip/mac-server/*2", null).body().get("disabled").asText());

        JsonNode printed = call("POST", "/rest/ip/mac-server/print",
                "{\".proplist\":[\"name\"],\".query\":[\"disabled=true\",\"name=my-mac-server\",\"#|\"]}").body();
        assertEquals(2, printed.size());
        assertEquals(List.of("name"), names(printed.get(0)));
        JsonNode apiSpelling = call("POST", "/rest/ip/mac-server/print",
                "{\".proplist\":\"name\",\".query\":[\"?=disabled=yes\"]}").body();
        assertEquals("[{\"name\":\"second\"}]", apiSpelling.toString(), "?=name=value and yes for true");
        assertEquals("[{\"name\":\"my-mac-server\"}]", call("POST", "/rest/ip/mac-server/print",
                "{\".proplist\":\"name\",\".query\":[\"disabled=no\"]}").body().toString());
        Answer badWord = call("POST", "/rest/ip/mac-server/print", "{\".query\":[\"name=a\",\"#|\"]}");
        assertEquals(400, badWord.status());
        assertEquals("invalid query word #|", badWord.body().get("detail").asText());

        Answer added = call("POST", "/rest/ip/mac-server/binding/add",
                "{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"second\",\"timeout\":\"1h\"}");
        assertEquals("*1", added.body().get("ret").asText());
        assertEquals("1h", call("GET", "/rest/ip/mac-server/binding/00:01:02:03:04:05", null).body().get("timeout").asText());
        assertEquals(200, call("POST", "/rest/ip/mac-server/binding/set", "{\".id\":\"*1\",\"action\":\"deny\"}").status());
        assertEquals("deny", call("GET", "/rest/ip/mac-server/binding/*1", null).body().get("action").asText());

        assertEquals(204, call("DELETE", "/rest/ip/mac-server/binding/*1", null).status());
        assertEquals(404, call("DELETE", "/rest/ip/mac-server/binding/*1", null).status());
        assertEquals(200, call("POST", "/rest/ip/mac-server/remove", "{\".id\":\"*2\"}").status());
        assertEquals(1, call("GET", "/rest/ip/mac-server", null).body().size());
    }

    @Test
    void ifMatchRefusesAStaleChangeAndAppliesACurrentOne() {
        String hash = call("GET", "/ip/mac-server/*1", null).etag();
        assertEquals(200, call("admin", "PATCH", "/rest/ip/mac-server/*1", "{\"comment\":\"a\"}", "\"" + hash + "\"").status());
        Answer stale = call("admin", "PATCH", "/rest/ip/mac-server/*1", "{\"comment\":\"b\"}", "\"" + hash + "\"");
        assertEquals(412, stale.status());
        assertEquals("a", call("GET", "/rest/ip/mac-server/*1", null).body().get("comment").asText());
        assertEquals(412, call("admin", "DELETE", "/ip/mac-server/*1", null, hash).status());
        String now = call("GET", "/ip/mac-server/*1", null).etag();
        assertNotEquals(hash, now);
        assertEquals(204, call("admin", "DELETE", "/ip/mac-server/*1", null, now).status());
    }

    @Test
    void badInputIsRefusedWithRouterOsWordingAndChangesNothing() {
        String good = "{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"my-mac-server\"}";
        assertError(400, "invalid JSON", call("PUT", "/rest/ip/mac-server/binding", "{\"mac-address\":"));
        assertError(400, "invalid JSON", call("PUT", "/rest/ip/mac-server/binding", good + "x"));
        assertError(400, "unknown parameter colour",
                call("PUT", "/rest/ip/mac-server/binding", "{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"my-mac-server\",\"colour\":\"red\"}"));
        assertError(400, "invalid value for argument server",
                call("PUT", "/rest/ip/mac-server/binding", "{\"mac-address\":\"00:01:02:03:04:05\",\"server\":{}}"));
        assertError(400, "server", call("PUT", "/rest/ip/mac-server/binding",
                "{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"nonexistent\"}"));
        assertError(400, "unknown parameter time", call("PUT", "/rest/ip/mac-server/binding",
                "{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"my-mac-server\",\"time\":1}"));
        assertError(400, "expected a JSON object", call("PUT", "/rest/ip/mac-server/binding", "[1]"));
        assertEquals(0, bindings());
        assertEquals(200, call("PUT", "/rest/ip/mac-server/binding", good).status());
        assertError(400, "failure: already have such entry", call("POST", "/ip/mac-server/binding", good));
        assertEquals(1, bindings());
        assertError(404, null, call("GET", "/rest/ip/mac-server/*7", null));
        assertError(400, "no such command or directory (frobnicate)", call("POST", "/rest/ip/mac-server/frobnicate", "{}"));
        assertError(404, null, call("GET", "/rest/ip/service/certificate", null));
        assertError(400, "no such command or directory (x)", call("GET", "/rest/ip/service/certificate/x", null));
        assertError(404, null, call("GET", "/elsewhere", null));
        assertError(406, "no such command or directory (remove)", call("DELETE", "/rest/system/identity", null));
    }

    @Test
    void theReadGroupMayReadButNotWrite() {
        assertEquals(200, call("reader", "GET", "/rest/ip/mac-server", null, null).status());
        assertEquals(200, call("reader", "POST", "/rest/ip/mac-server/print", "{}", null).status());
        assertError(500, "not enough permissions (9)", call("reader", "PUT", "/rest/ip/mac-server", "{\"name\":\"x\"}", null));
        assertError(500, "not enough permissions (9)", call("reader", "POST", "/ip/mac-server/binding",
                "{\"mac-address\":\"00:01:02:03:04:05\",\"server\":\"my-mac-server\"}", null));
        assertError(500, "not enough permissions (9)", call("reader", "DELETE", "/rest/ip/mac-server/*1", null, null));
        assertEquals(0, bindings());
        assertEquals(1, call("GET", "/rest/ip/mac-server", null).body().size());
    }

    @Test
    void singletonsPrintAsOneObjectAndChangeWithPatch() {
        assertEquals("MikroTik", call("GET", "/rest/system/identity", null).body().get("name").asText());
        assertEquals("lab", call("PATCH", "/rest/system/identity", "{\"name\":\"lab\"}").body().get("name").asText());
        assertEquals(200, call("POST", "/rest/system/identity/set", "{\"name\":\"lab2\"}").status());
        assertEquals("lab2", call("GET", "/rest/system/identity", null).body().get("name").asText());
    }

    private static void assertError(int status, String detailPart, Answer r) {
        assertEquals(status, r.status(), String.valueOf(r.body()));
        assertEquals(status, r.body().get("error").asInt());
        assertEquals(RestApi.reason(status), r.body().get("message").asText());
        if (detailPart == null) {
            assertNull(r.body().get("detail"));
        } else {
            assertTrue(r.body().get("detail").asText().contains(detailPart), r.body().toString());
        }
    }

    private static List<String> names(JsonNode o) {
        List<String> out = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
