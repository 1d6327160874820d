package macserver.rest;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import macserver.config.BoolType;
import macserver.config.ConfigModel;
import macserver.config.DurationType;
import macserver.config.IntType;
import macserver.config.ItemView;
import macserver.config.Menu;
import macserver.config.Property;
import macserver.json.JsonObject;

/** Writes items as JSON objects in either {@link Shape}; call with the model's lock held. */
final class ItemJson {
    private final ConfigModel model;
    private final Map<Menu, List<Property>> shown = new java.util.concurrent.ConcurrentHashMap<>();

    ItemJson(ConfigModel model) {
        this.model = model;
    }

    /** {@code *1F}: RouterOS writes ids as upper-case hex after a star. */
    static String formatId(int id) {
        return "*" + Integer.toHexString(id).toUpperCase(Locale.ROOT);
    }

    /** The id in {@code *N} form, or -1 when the text is not one. */
    static int parseId(String text) {
        if (text.length() < 2 || text.charAt(0) != '*') {
            return -1;
        }
        try {
            long v = Long.parseLong(text.substring(1), 16);
            return v > 0 && v <= Integer.MAX_VALUE ? (int) v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The item's visible properties (or only {@code fields}, when not null), keys in name order. */
    JsonObject item(ItemView item, Shape shape, Collection<String> fields) {
        JsonObject out = new JsonObject();
        if (!item.menu().isSingleValue() && (fields == null || fields.contains(".id"))) {
            out.put(".id", formatId(item.id()));
        }
        for (Property p : shown.computeIfAbsent(item.menu(), ItemJson::shownInNameOrder)) {
            if (fields != null && !fields.contains(p.name())) {
                continue;
            }
            Object v = item.get(p);
            if (shape == Shape.ROUTEROS) {
                if (v != null) {
                    out.put(p.name(), text(p, v));
                }
            } else {
                put(out, p, v);
            }
        }
        return out;
    }

    private static List<Property> shownInNameOrder(Menu menu) {
        Map<String, Property> byName = new TreeMap<>();
        for (Property p : menu.properties()) {
            if (p.isShown()) {
                byName.put(p.name(), p);
            }
        }
        return List.copyOf(byName.values());
    }

    /** The value as RouterOS's REST shows it: print's text, but booleans as true/false. */
    String text(Property p, Object v) {
        if (p.type() instanceof BoolType) {
            return v.toString();
        }
        return p.type().format(v, model);
    }

    private void put(JsonObject out, Property p, Object v) {
        if (v == null) {
            out.putNull(p.name());
        } else if (v instanceof Boolean b) {
            out.put(p.name(), b);
        } else if (v instanceof Long n && (p.type() instanceof IntType || p.type() instanceof DurationType)) {
            out.put(p.name(), n);
        } else {
            out.put(p.name(), p.type().format(v, model));
        }
    }

    /** The fields of the seed's answers: listing servers, and creating a binding. */
    static List<String> seedFields(Menu menu, boolean created) {
        return switch (menu.spacedPath()) {
            case "/ip mac-server" -> List.of(".id", "comment", "default", "disabled", "hash", "name");
            case "/ip mac-server binding" -> created ? List.of(".id", "retry", "time", "timeout") : null;
            default -> null;
        };
    }
}
