package macserver.json;

/** {@code null}: a member that is there without a value (REST's "unset", an empty property). */
public enum JsonNull implements JsonValue {
    NULL;

    @Override
    public String toString() {
        return "null";
    }
}
