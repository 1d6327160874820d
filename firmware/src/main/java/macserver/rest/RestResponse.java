package macserver.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON answer: the status, the body (null for none) and the item's hash as ETag (or null). */
public record RestResponse(int status, JsonNode body, String etag) {
    public static RestResponse ok(JsonNode body) {
        return new RestResponse(200, body, null);
    }
}
