package macserver.rest;

import macserver.json.JsonValue;

/** A JSON answer: the status, the body (null for none) and the item's hash as ETag (or null). */
public record RestResponse(int status, JsonValue body, String etag) {
    public static RestResponse ok(JsonValue body) {
        return new RestResponse(200, body, null);
    }
}
