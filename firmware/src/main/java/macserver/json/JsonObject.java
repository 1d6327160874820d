package macserver.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An object: members in the order they were first put (the order on the wire). Putting a name
 * again replaces its value in place. Not thread-safe: one thread builds or reads it.
 */
public final class JsonObject implements JsonValue {
    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    public JsonObject put(String name, JsonValue value) {
        members.put(name, value == null ? JsonNull.NULL : value);
        return this;
    }

    /** A string member; a null string is a {@code null} member. */
    public JsonObject put(String name, String value) {
        return put(name, value == null ? JsonNull.NULL : new JsonString(value));
    }

    public JsonObject put(String name, long value) {
        return put(name, JsonNumber.of(value));
    }

    public JsonObject put(String name, boolean value) {
        return put(name, JsonBoolean.of(value));
    }

    public JsonObject putNull(String name) {
        return put(name, JsonNull.NULL);
    }

    /** The member's value, or null when there is no such member (a {@code null} member is {@link JsonNull}). */
    public JsonValue get(String name) {
        return members.get(name);
    }

    /** A string member's value, or null when the member is missing or not a string. */
    public String string(String name) {
        return members.get(name) instanceof JsonString s ? s.value() : null;
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    public JsonValue remove(String name) {
        return members.remove(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(members.keySet());
    }

    public Map<String, JsonValue> members() {
        return Collections.unmodifiableMap(members);
    }

    public int size() {
        return members.size();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject other && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return JsonWriter.text(this);
    }
}
