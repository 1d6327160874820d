package macserver.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import macserver.cli.Lexer;

/**
 * One remote request, turned into console lines: a text payload is CLI lines as typed at the
 * console; a JSON payload ({@code {"menu":..., "command":..., "arguments":{...}}}, or
 * {@code {"line":...}}, with an optional {@code "id"}) is one operation. JSON requests get JSON
 * answers.
 */
record Request(List<String> lines, boolean json, String id) {
    static final int MAX_BYTES = 16 * 1024;

    /** Jackson's mapper, made on first use (see {@code RestApi.json()}: metaspace while idle). */
    static ObjectMapper mapper() {
        return Json.MAPPER;
    }

    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    }

    /** A payload that is not a request; the message says why. */
    static final class MalformedException extends Exception {
        private final boolean json;

        MalformedException(String message, boolean json) {
            super("failure: malformed request (" + message + ")");
            this.json = json;
        }

        boolean json() {
            return json;
        }
    }

    static Request parse(byte[] payload) throws MalformedException {
        if (payload.length > MAX_BYTES) {
            throw new MalformedException("larger than " + MAX_BYTES + " bytes", false);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedException("not UTF-8", false);
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return json(trimmed);
        }
        List<String> lines = new ArrayList<>();
        for (String line : trimmed.split("\r?\n")) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (Character.isISOControl(c) && c != '\t') {
                    throw new MalformedException("control character", false);
                }
            }
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new MalformedException("empty", false);
        }
        return new Request(lines, false, null);
    }

    private static Request json(String text) throws MalformedException {
        JsonNode root;
        try {
            root = mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedException(e.getLocation() == null ? "bad JSON" : "bad JSON at line "
                    + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr(), true);
        }
        if (!root.isObject()) {
            throw new MalformedException("expected a JSON object", true);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("id", "line", "menu", "command", "arguments").contains(f)) {
                throw new MalformedException("unknown field " + f, true);
            }
        }
        String id = null;
        if (root.has("id")) {
            if (!root.get("id").isTextual() && !root.get("id").isIntegralNumber()) {
                throw new MalformedException("id must be a string or an integer", true);
            }
            id = root.get("id").asText();
        }
        if (root.has("line")) {
            if (root.size() != (id == null ? 1 : 2) || !root.get("line").isTextual()) {
                throw new MalformedException("line must be a string and alone", true);
            }
            return new Request(List.of(root.get("line").asText()), true, id);
        }
        String menu = text(root, "menu", "[a-z0-9 /-]*");
        String command = text(root, "command", "[a-z][a-z-]*");
        StringBuilder line = new StringBuilder("/");
        for (String part : menu.split("[ /]+")) {
            if (!part.isEmpty()) {
                line.append(line.length() > 1 ? "/" : "").append(part);
            }
        }
        line.append(' ').append(command);
        JsonNode args = root.get("arguments");
        if (args != null && !args.isNull()) {
            if (!args.isObject()) {
                throw new MalformedException("arguments must be an object", true);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().matches("[a-z0-9][a-z0-9.-]*")) {
                    throw new MalformedException("bad argument name " + e.getKey(), true);
                }
                String value = value(e.getKey(), e.getValue());
                line.append(' ');
                if (e.getKey().equals("numbers")) {
                    line.append(Lexer.quote(value));
                } else {
                    line.append(e.getKey()).append('=').append(Lexer.forceQuote(value));
                }
            }
        }
        return new Request(List.of(line.toString()), true, id);
    }

    private static String text(JsonNode root, String field, String pattern) throws MalformedException {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || !n.asText().matches(pattern)) {
            throw new MalformedException(field + " missing or not a " + field + " name", true);
        }
        return n.asText();
    }

    private static String value(String name, JsonNode v) throws MalformedException {
        if (v.isTextual() || v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "yes" : "no";
        }
        throw new MalformedException("argument " + name + " must be a string, an integer or a boolean", true);
    }
}
