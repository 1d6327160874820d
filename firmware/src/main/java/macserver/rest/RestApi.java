package macserver.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import macserver.cli.Permissions;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.ItemHash;
import macserver.config.ItemView;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Plane;
import macserver.config.Property;
import macserver.json.JsonArray;
import macserver.json.JsonException;
import macserver.json.JsonObject;
import macserver.json.JsonParser;
import macserver.json.JsonString;
import macserver.json.JsonValue;

/**
 * RouterOS v7's REST semantics over the configuration model, without HTTP: GET prints, PUT adds,
 * PATCH sets, DELETE removes, POST runs a command. Paths under {@code /rest} answer in RouterOS's
 * shape; the seed's bare {@code /ip/mac-server...} paths answer in the seed's (see {@link Shape}).
 */
public final class RestApi {
    private static final Set<String> ITEM_KEYS = Set.of(".id", "numbers");
    /** POST commands that only read, so the {@code read} policy is enough. */
    private static final Set<String> READS = Set.of("print", "getall");

    private final ConfigModel model;
    private final ItemJson items;
    private final Plane plane;

    public RestApi(ConfigModel model) {
        this(model, Plane.REST);
    }

    /** For another plane that speaks in the same terms (the binary API): its changes are recorded as {@code plane}'s. */
    public RestApi(ConfigModel model, Plane plane) {
        this.model = model;
        this.items = new ItemJson(model);
        this.plane = plane;
    }

    /** Where a path leads: a menu, and the item or command word after it (null when none). */
    private record Target(Menu menu, String word, Shape shape) {}

    public RestResponse handle(RestRequest r) {
        try {
            Target t = resolve(r.path());
            boolean writes = !r.method().equals("GET") && !(r.method().equals("POST") && t.word() != null
                    && READS.contains(t.word()));
            try {
                Permissions.check(model, r.user(), t.menu(), writes);
            } catch (ConfigException e) {
                throw new RestException(500, e.getMessage());
            }
            return switch (r.method()) {
                case "GET" -> get(t, r);
                case "PUT" -> put(t, r);
                case "PATCH" -> patch(t, r);
                case "DELETE" -> delete(t, r);
                case "POST" -> post(t, r);
                default -> throw new RestException(501, null);
            };
        } catch (RestException e) {
            return error(e.status(), e.detail());
        }
    }

    /** RouterOS's error body: {@code {"detail":..., "error":<status>, "message":<reason>}}. */
    public static RestResponse error(int status, String detail) {
        JsonObject body = new JsonObject();
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("error", status);
        body.put("message", reason(status));
        return new RestResponse(status, body, null);
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 412 -> "Precondition Failed";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private Target resolve(String rawPath) {
        String path = rawPath;
        Shape shape;
        if (path.equals("/rest") || path.startsWith("/rest/")) {
            path = path.substring("/rest".length());
            shape = Shape.ROUTEROS;
        } else if (path.equals("/ip/mac-server") || path.startsWith("/ip/mac-server/")) {
            shape = Shape.SEED;
        } else {
            throw RestException.notFound();
        }
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        for (int n = segments.size(); n > 0; n--) {
            Menu m = model.schema().menu(String.join(" ", segments.subList(0, n)));
            if (m != null && visible(m) && m.hasItems()) {
                if (n < segments.size() - 1) {
                    throw RestException.noSuchCommand(segments.get(n + 1));
                }
                return new Target(m, n == segments.size() ? null : segments.get(n), shape);
            }
        }
        throw RestException.noSuchCommand(segments.isEmpty() ? "" : segments.getLast());
    }

    private static boolean visible(Menu m) {
        for (Menu x = m; x != null; x = x.parent()) {
            if (x.isHidden()) {
                return false;
            }
        }
        return m.parent() != null;
    }

    // ---- GET: print a menu or one item ----

    private RestResponse get(Target t, RestRequest r) {
        List<String> fields = proplist(r.query().get(".proplist"));
        if (t.word() == null) {
            Map<String, String> filters = new LinkedHashMap<>(r.query());
            filters.remove(".proplist");
            Predicate<Map<String, String>> match = filters.isEmpty() ? null : item -> filters.entrySet().stream()
                    .allMatch(f -> normalise(f.getValue()).equals(item.get(f.getKey())));
            return RestResponse.ok(print(t, match, fields));
        }
        return model.read(() -> {
            ItemView v = find(t.menu(), t.word());
            return new RestResponse(200, items.item(v, t.shape(), fields == null ? seedFields(t, false) : fields), etag(v));
        });
    }

    /** Prints the menu; {@code match} (null for all) sees each item's texts. */
    private JsonValue print(Target t, Predicate<Map<String, String>> match, List<String> fields) {
        Menu menu = t.menu();
        List<String> chosen = fields == null ? seedFields(t, false) : fields;
        return model.read(() -> {
            List<ItemView> views = views(menu);
            if (menu.isSingleValue()) {
                return views.isEmpty() ? new JsonObject() : items.item(views.getFirst(), t.shape(), chosen);
            }
            JsonArray out = new JsonArray();
            for (ItemView v : views) {
                if (match == null || match.test(texts(v))) {
                    out.add(items.item(v, t.shape(), chosen));
                }
            }
            return out;
        });
    }

    private List<ItemView> views(Menu menu) {
        List<ItemView> out = new ArrayList<>();
        if (menu.kind() == Menu.Kind.LIVE) {
            for (Object[] row : menu.liveRows()) {
                out.add(model.view(menu, (Integer) row[row.length - 1], row));
            }
            return out;
        }
        for (var it = model.table(menu).iterator(); it.hasNext(); ) {
            var e = it.next();
            out.add(model.view(menu, e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The item's properties in RouterOS text, for filters and queries. */
    private Map<String, String> texts(ItemView v) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(".id", ItemJson.formatId(v.id()));
        for (Property p : v.menu().properties()) {
            Object value = p.isShown() ? v.get(p) : null;
            if (value != null) {
                out.put(p.name(), items.text(p, value));
            }
        }
        return out;
    }

    private static String normalise(String filterValue) {
        return switch (filterValue) {
            case "yes" -> "true";
            case "no" -> "false";
            default -> filterValue;
        };
    }

    // ---- PUT, PATCH, DELETE ----

    private RestResponse put(Target t, RestRequest r) {
        if (t.word() != null) {
            throw RestException.noSuchCommand(t.word());
        }
        return add(t, r, body(r), null);
    }

    private RestResponse add(Target t, RestRequest r, JsonValue body, List<String> answerFields) {
        if (t.menu().kind() != Menu.Kind.LIST) {
            throw new RestException(406, "no such command or directory (add)");
        }
        int id = write(r, tx -> tx.add(t.menu(), JsonInput.values(model, t.menu(), body, Set.of(), false)));
        return model.read(() -> {
            ItemView v = model.view(t.menu(), id, model.table(t.menu()).get(id));
            return new RestResponse(200, items.item(v, t.shape(), answerFields), etag(v));
        });
    }

    private RestResponse patch(Target t, RestRequest r) {
        JsonValue body = body(r);
        int id = write(r, tx -> {
            int target = writableId(t);
            checkIfMatch(t.menu(), target, r.ifMatch());
            tx.set(t.menu(), target, JsonInput.values(model, t.menu(), body, ITEM_KEYS, true));
            return target;
        });
        return model.read(() -> {
            ItemView v = model.view(t.menu(), id, model.table(t.menu()).get(id));
            return new RestResponse(200, items.item(v, t.shape(), seedFields(t, false)), etag(v));
        });
    }

    private RestResponse delete(Target t, RestRequest r) {
        if (t.word() == null || t.menu().kind() != Menu.Kind.LIST) {
            throw new RestException(406, "no such command or directory (remove)");
        }
        write(r, tx -> {
            int id = idOf(t.menu(), t.word());
            checkIfMatch(t.menu(), id, r.ifMatch());
            tx.remove(t.menu(), id);
            return null;
        });
        return new RestResponse(204, null, null);
    }

    private int writableId(Target t) {
        if (t.menu().kind() == Menu.Kind.SINGLETON) {
            if (t.word() != null) {
                throw RestException.noSuchCommand(t.word());
            }
            return 1;
        }
        if (t.menu().kind() != Menu.Kind.LIST || t.word() == null) {
            throw new RestException(406, "no such command or directory (set)");
        }
        return idOf(t.menu(), t.word());
    }

    /** The ETag rule: a stale {@code If-Match} refuses the change (checked inside the transaction). */
    private void checkIfMatch(Menu menu, int id, String ifMatch) {
        if (ifMatch == null) {
            return;
        }
        String current = hash(model.view(menu, id, model.table(menu).get(id)));
        for (String tag : ifMatch.split(",")) {
            String bare = tag.trim().replace("\"", "");
            if (bare.equals("*") || bare.equals(current)) {
                return;
            }
        }
        throw new RestException(412, "item has changed since it was read");
    }

    private static String hash(ItemView v) {
        Property p = v.menu().property("hash");
        return p != null && p.isComputed() ? (String) v.get(p) : ItemHash.of(v, macserver.config.References.NONE);
    }

    private static String etag(ItemView v) {
        return v.menu().kind() == Menu.Kind.LIVE ? null : hash(v);
    }

    // ---- POST: commands ----

    private RestResponse post(Target t, RestRequest r) {
        JsonValue parsed = r.body().length == 0 ? new JsonObject() : body(r);
        if (!(parsed instanceof JsonObject body)) {
            throw RestException.badRequest("expected a JSON object");
        }
        if (t.word() == null) {
            List<String> fields = t.shape() == Shape.SEED || t.menu().spacedPath().equals("/ip mac-server binding")
                    ? ItemJson.seedFields(t.menu(), true) : null;
            return add(t, r, body, fields);
        }
        return switch (t.word()) {
            case "print", "getall" -> printCommand(t, body);
            case "add" -> {
                RestResponse added = add(new Target(t.menu(), null, Shape.ROUTEROS), r, body, List.of(".id"));
                yield RestResponse.ok(new JsonObject().put("ret", ((JsonObject) added.body()).string(".id")));
            }
            case "set" -> {
                write(r, tx -> {
                    for (int id : selected(t.menu(), body)) {
                        tx.set(t.menu(), id, JsonInput.values(model, t.menu(), body, ITEM_KEYS, true));
                    }
                    return null;
                });
                yield RestResponse.ok(new JsonArray());
            }
            case "remove" -> {
                write(r, tx -> {
                    for (int id : selected(t.menu(), body)) {
                        tx.remove(t.menu(), id);
                    }
                    return null;
                });
                yield RestResponse.ok(new JsonArray());
            }
            case "enable", "disable" -> {
                Property disabled = t.menu().property("disabled");
                if (disabled == null || t.menu().kind() != Menu.Kind.LIST) {
                    throw RestException.noSuchCommand(t.word());
                }
                rejectExtra(body, ITEM_KEYS);
                boolean value = t.word().equals("disable");
                write(r, tx -> {
                    for (int id : selected(t.menu(), body)) {
                        tx.set(t.menu(), id, Map.of(disabled, value));
                    }
                    return null;
                });
                yield RestResponse.ok(new JsonArray());
            }
            default -> throw RestException.noSuchCommand(t.word());
        };
    }

    private RestResponse printCommand(Target t, JsonObject body) {
        rejectExtra(body, Set.of(".proplist", ".query"));
        List<String> fields = null;
        JsonValue pl = body.get(".proplist");
        if (pl != null) {
            fields = proplist(JsonInput.text(".proplist", pl));
        }
        List<String> words = new ArrayList<>();
        JsonValue q = body.get(".query");
        if (q != null) {
            if (!(q instanceof JsonArray query)) {
                throw RestException.badRequest("invalid value for argument .query");
            }
            for (JsonValue w : query) {
                if (!(w instanceof JsonString word)) {
                    throw RestException.badRequest("invalid value for argument .query");
                }
                words.add(word.value());
            }
        }
        return RestResponse.ok(print(new Target(t.menu(), null, Shape.ROUTEROS),
                words.isEmpty() ? null : QueryStack.parse(words), fields));
    }

    private static void rejectExtra(JsonObject body, Set<String> allowed) {
        for (String name : body.names()) {
            if (!allowed.contains(name)) {
                throw RestException.badRequest("unknown parameter " + name);
            }
        }
    }

    /** Items named by {@code .id} or {@code numbers} (comma-separated ids or names); singletons need none. */
    private List<Integer> selected(Menu menu, JsonObject body) {
        if (menu.kind() == Menu.Kind.SINGLETON) {
            return List.of(1);
        }
        if (menu.kind() != Menu.Kind.LIST) {
            throw new RestException(406, "no such command or directory");
        }
        JsonValue which = body.has(".id") ? body.get(".id") : body.get("numbers");
        if (which == null) {
            throw RestException.badRequest("missing value for numbers");
        }
        List<Integer> ids = new ArrayList<>();
        for (String w : JsonInput.text(".id", which).split(",")) {
            ids.add(idOf(menu, w.trim()));
        }
        return ids;
    }

    // ---- shared ----

    private List<String> seedFields(Target t, boolean created) {
        return t.shape() == Shape.SEED ? ItemJson.seedFields(t.menu(), created) : null;
    }

    private static List<String> proplist(String text) {
        return text == null ? null : List.of(text.split(","));
    }

    private ItemView find(Menu menu, String word) {
        if (menu.kind() == Menu.Kind.LIVE) {
            int id = ItemJson.parseId(word);
            for (ItemView v : views(menu)) {
                if (v.id() == id) {
                    return v;
                }
            }
            throw RestException.notFound();
        }
        if (menu.kind() != Menu.Kind.LIST) {
            throw RestException.noSuchCommand(word);
        }
        int id = idOf(menu, word);
        return model.view(menu, id, model.table(menu).get(id));
    }

    /** An item by {@code *N} or by name; 404 when there is none. Call with the lock held. */
    private int idOf(Menu menu, String word) {
        int id = ItemJson.parseId(word);
        if (id < 0) {
            id = model.idByName(menu, word);
        }
        if (id < 0 || model.table(menu).get(id) == null) {
            throw RestException.notFound();
        }
        return id;
    }

    private static JsonValue body(RestRequest r) {
        if (r.body().length == 0) {
            throw RestException.badRequest("expected a JSON object");
        }
        try {
            return JsonParser.parse(r.body());
        } catch (JsonException e) {
            throw RestException.badRequest("invalid JSON: " + e.reason());
        }
    }

    private <T> T write(RestRequest r, ConfigModel.TransactionBody<T> body) {
        try {
            return model.write(new Origin(r.user(), plane, Permissions.of(model, r.user())), body);
        } catch (macserver.config.PermissionException e) {
            throw new RestException(500, e.getMessage());
        } catch (ConfigException e) {
            throw RestException.badRequest(e.getMessage());
        }
    }
}
