package macserver.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** An array. Not thread-safe: one thread builds or reads it. */
public final class JsonArray implements JsonValue, Iterable<JsonValue> {
    private final List<JsonValue> elements = new ArrayList<>();

    public JsonArray add(JsonValue value) {
        elements.add(value == null ? JsonNull.NULL : value);
        return this;
    }

    public JsonArray add(String value) {
        return add(value == null ? JsonNull.NULL : new JsonString(value));
    }

    public JsonValue get(int index) {
        return elements.get(index);
    }

    public List<JsonValue> elements() {
        return Collections.unmodifiableList(elements);
    }

    @Override
    public Iterator<JsonValue> iterator() {
        return elements().iterator();
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonArray other && elements.equals(other.elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        return JsonWriter.text(this);
    }
}
