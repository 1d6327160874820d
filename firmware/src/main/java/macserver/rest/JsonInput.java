package macserver.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Property;
import macserver.config.Transaction;
import macserver.json.JsonArray;
import macserver.json.JsonBoolean;
import macserver.json.JsonNull;
import macserver.json.JsonNumber;
import macserver.json.JsonObject;
import macserver.json.JsonString;
import macserver.json.JsonValue;

/**
 * Turns a JSON object of properties into typed values for a transaction. Strings are read as the
 * console reads them; whole numbers and booleans are taken as their text; arrays of strings only
 * for list properties; null unsets (on set).
 * Call inside the transaction, so that names of other items resolve against what it sees.
 */
final class JsonInput {
    private JsonInput() {
    }

    static Map<Property, Object> values(ConfigModel model, Menu menu, JsonValue body, Set<String> skip, boolean unsetAllowed) {
        if (!(body instanceof JsonObject object)) {
            throw RestException.badRequest("expected a JSON object");
        }
        Map<Property, Object> out = new LinkedHashMap<>();
        for (var e : object.members().entrySet()) {
            String name = e.getKey();
            if (skip.contains(name)) {
                continue;
            }
            Property p = menu.property(name);
            if (p == null || !p.isSettable()) {
                throw RestException.badRequest("unknown parameter " + name);
            }
            JsonValue v = e.getValue();
            if (v instanceof JsonNull) {
                if (unsetAllowed) {
                    out.put(p, Transaction.UNSET);
                }
                continue;
            }
            Object value;
            try {
                value = p.type().parse(text(name, v), name, model);
            } catch (ConfigException ex) {
                throw RestException.badRequest(ex.getMessage());
            }
            if (v instanceof JsonArray && !(value instanceof List)) {
                // ["a,b"] would otherwise pass as the text a,b: a list is only for list properties.
                throw RestException.badRequest("invalid value for argument " + name
                        + " (expected one value, not a list)");
            }
            out.put(p, value);
        }
        return out;
    }

    /** A scalar (or a list, for list properties) as console text. */
    static String text(String name, JsonValue v) {
        return switch (v) {
            case JsonString s -> s.value();
            case JsonBoolean b -> b.toString();
            case JsonNumber n when n.isIntegral() -> n.integerText();
            case JsonArray a -> {
                List<String> parts = new ArrayList<>();
                for (JsonValue e : a) {
                    if (!(e instanceof JsonString s)) {
                        throw RestException.badRequest("invalid value for argument " + name);
                    }
                    parts.add(s.value());
                }
                yield String.join(",", parts);
            }
            default -> throw RestException.badRequest("invalid value for argument " + name);
        };
    }
}
