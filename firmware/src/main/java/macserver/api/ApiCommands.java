package macserver.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import macserver.json.JsonArray;
import macserver.json.JsonObject;
import macserver.json.JsonString;
import macserver.json.JsonValue;
import macserver.json.JsonWriter;
import macserver.rest.RestApi;
import macserver.rest.RestRequest;
import macserver.rest.RestResponse;

/**
 * One logged-in command sentence to its replies, over the same menus, permissions and
 * transactions as the REST API: {@code /menu/path/verb} with {@code =name=value} attributes is
 * REST's {@code POST /rest/menu/path/verb} with those as the JSON object, {@code ?} words are its
 * {@code .query}, and its answer becomes {@code !re} sentences (one per item), {@code !done}
 * ({@code =ret=*N} after add, {@code =ret=<count>} for print's {@code count-only}) or {@code !trap}. The caller adds {@code .tag} and handles the
 * API's own commands ({@code /login}, {@code /cancel}, {@code /quit}). Thread-safe.
 */
final class ApiCommands {
    private static final Set<String> VERBS = Set.of("print", "getall", "add", "set", "remove", "enable", "disable");

    private final RestApi rest;

    ApiCommands(RestApi rest) {
        this.rest = rest;
    }

    /** The replies to {@code sentence}, run as {@code user}; always ends with {@code !done}. */
    List<ApiSentence> run(String user, ApiSentence sentence) {
        String command = sentence.first();
        int slash = command.lastIndexOf('/');
        if (!command.startsWith("/") || slash == command.length() - 1) {
            return trap("no such command");
        }
        String verb = command.substring(slash + 1);
        String menu = command.substring(0, slash);
        if (verb.equals("listen")) {
            return trap("listen is not supported (use print)");
        }
        if (!VERBS.contains(verb) || menu.isEmpty()) {
            return trap("no such command or directory (" + verb + ")");
        }
        boolean print = verb.equals("print") || verb.equals("getall");
        JsonObject body = new JsonObject();
        JsonArray query = new JsonArray();
        for (String w : sentence.words().subList(1, sentence.words().size())) {
            if (w.startsWith("=")) {
                int eq = w.indexOf('=', 1);
                String name = eq < 0 ? w.substring(1) : w.substring(1, eq);
                if (name.isEmpty()) {
                    return trap("invalid attribute word " + w);
                }
                body.put(name, eq < 0 ? "" : w.substring(eq + 1));
            } else if (w.startsWith("?")) {
                if (!print) {
                    return trap("query words work with print only");
                }
                query.add(w.substring(1));
            } else if (w.startsWith(".proplist=")) {
                body.put(".proplist", w.substring(".proplist=".length()));
            } else if (!w.startsWith(".tag=")) {
                return trap("unknown word " + w);
            }
        }
        if (!query.isEmpty()) {
            body.put(".query", query);
        }
        boolean countOnly = print && body.remove("count-only") != null;
        byte[] json = JsonWriter.utf8(body);
        // getall is print's old name; REST counts it a write, the API never did.
        String path = "/rest" + menu + "/" + (print ? "print" : verb);
        RestResponse r = rest.handle(new RestRequest("POST", path, Map.of(), json, user, null));
        if (r.status() >= 300) {
            // Every error answer is RestApi.error's object: detail (when there is one), error, message.
            JsonObject error = (JsonObject) r.body();
            String detail = error.string("detail");
            return trap(detail != null ? detail : r.status() == 404 ? "no such item" : error.string("message"));
        }
        List<ApiSentence> out = new ArrayList<>();
        JsonValue answer = r.body();
        if (countOnly) {
            out.add(ApiSentence.of("!done", "=ret=" + (answer instanceof JsonArray items ? items.size() : 1)));
        } else if (print) {
            if (answer instanceof JsonArray items) {
                for (JsonValue item : items) {
                    out.add(row((JsonObject) item));
                }
            } else if (answer instanceof JsonObject item && !item.isEmpty()) {
                out.add(row(item));
            }
            out.add(ApiSentence.done());
        } else if (answer instanceof JsonObject added && added.has("ret")) {
            out.add(ApiSentence.of("!done", "=ret=" + text(added.get("ret"))));
        } else {
            out.add(ApiSentence.done());
        }
        return out;
    }

    private static ApiSentence row(JsonObject item) {
        List<String> words = new ArrayList<>(item.size() + 1);
        words.add("!re");
        for (var e : item.members().entrySet()) {
            words.add("=" + e.getKey() + "=" + text(e.getValue()));
        }
        return new ApiSentence(words);
    }

    /** RouterOS-shaped answers hold strings only; anything else is shown as its JSON text. */
    private static String text(JsonValue v) {
        return v instanceof JsonString s ? s.value() : v.toString();
    }

    static List<ApiSentence> trap(String message) {
        return List.of(ApiSentence.trap(message), ApiSentence.done());
    }
}
