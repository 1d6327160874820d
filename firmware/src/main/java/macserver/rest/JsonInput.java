package macserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Turns a JSON object of properties into typed values for a transaction. Strings are read as the
 * console reads them; whole numbers and booleans are taken as their text; arrays of strings only
 * for list properties; null unsets (on set).
 * Call inside the transaction, so that names of other items resolve against what it sees.
 */
final class JsonInput {
    private JsonInput() {
    }

    static Map<Property, Object> values(ConfigModel model, Menu menu, JsonNode body, Set<String> skip, boolean unsetAllowed) {
        if (body == null || !body.isObject()) {
            throw RestException.badRequest("expected a JSON object");
        }
        Map<Property, Object> out = new LinkedHashMap<>();
        for (var it = body.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            String name = e.getKey();
            if (skip.contains(name)) {
                continue;
            }
            Property p = menu.property(name);
            if (p == null || !p.isSettable()) {
                throw RestException.badRequest("unknown parameter " + name);
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
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
            if (v.isArray() && !(value instanceof List)) {
                // ["a,b"] would otherwise pass as the text a,b: a list is only for list properties.
                throw RestException.badRequest("invalid value for argument " + name
                        + " (expected one value, not a list)");
            }
            out.put(p, value);
        }
        return out;
    }

    /** A scalar (or a list, for list properties) as console text. */
    static String text(String name, JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean() || v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isTextual()) {
                    throw RestException.badRequest("invalid value for argument " + name);
                }
                parts.add(e.asText());
            }
            return String.join(",", parts);
        }
        throw RestException.badRequest("invalid value for argument " + name);
    }
}
