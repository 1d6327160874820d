package macserver.rest;

import java.util.Map;

/**
 * One authenticated request as the API sees it, independent of HTTP framing: the decoded path,
 * the query parameters, the raw body and the {@code If-Match} header (null when absent).
 */
public record RestRequest(String method, String path, Map<String, String> query, byte[] body, String user,
                          String ifMatch) {
}
