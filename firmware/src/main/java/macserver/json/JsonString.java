package macserver.json;

import java.util.Objects;

/** A string; {@code value} may hold unpaired surrogates, as {@code \ud800} in the input can make one. */
public record JsonString(String value) implements JsonValue {
    public JsonString {
        Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
        return JsonWriter.text(this);
    }
}
