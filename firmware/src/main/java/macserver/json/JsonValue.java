package macserver.json;

/**
 * A JSON value as the firmware reads and writes it: a tree small enough to hold the documents of
 * the REST API, MQTT and the fleet (kilobytes), not a binding framework. {@link #toString()} is the
 * value's JSON text with every character written as itself; {@link JsonWriter#utf8} escapes
 * characters outside the Basic Multilingual Plane instead (see there).
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
}
