package macserver.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import macserver.cli.Lexer;
import macserver.json.JsonBoolean;
import macserver.json.JsonException;
import macserver.json.JsonNull;
import macserver.json.JsonNumber;
import macserver.json.JsonObject;
import macserver.json.JsonParser;
import macserver.json.JsonString;
import macserver.json.JsonValue;

/**
 * One remote request, turned into console lines: a text payload is CLI lines as typed at the
 * console; a JSON payload ({@code {"menu":..., "command":..., "arguments":{...}}}, or
 * {@code {"line":...}}, with an optional {@code "id"}) is one operation. JSON requests get JSON
 * answers.
 */
record Request(List<String> lines, boolean json, String id) {
    static final int MAX_BYTES = 16 * 1024;

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
        JsonValue parsed;
        try {
            parsed = JsonParser.parse(text);
        } catch (JsonException e) {
            throw new MalformedException("bad JSON at line " + e.line() + " column " + e.column(), true);
        }
        if (!(parsed instanceof JsonObject root)) {
            throw new MalformedException("expected a JSON object", true);
        }
        for (String f : root.names()) {
            if (!List.of("id", "line", "menu", "command", "arguments").contains(f)) {
                throw new MalformedException("unknown field " + f, true);
            }
        }
        String id = null;
        if (root.has("id")) {
            id = switch (root.get("id")) {
                case JsonString s -> s.value();
                case JsonNumber n when n.isIntegral() -> n.integerText();
                default -> throw new MalformedException("id must be a string or an integer", true);
            };
        }
        if (root.has("line")) {
            if (root.size() != (id == null ? 1 : 2) || !(root.get("line") instanceof JsonString line)) {
                throw new MalformedException("line must be a string and alone", true);
            }
            return new Request(List.of(line.value()), true, id);
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
        JsonValue args = root.get("arguments");
        if (args != null && args != JsonNull.NULL) {
            if (!(args instanceof JsonObject arguments)) {
                throw new MalformedException("arguments must be an object", true);
            }
            for (Map.Entry<String, JsonValue> e : arguments.members().entrySet()) {
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

    private static String text(JsonObject root, String field, String pattern) throws MalformedException {
        String s = root.string(field);
        if (s == null || !s.matches(pattern)) {
            throw new MalformedException(field + " missing or not a " + field + " name", true);
        }
        return s;
    }

    private static String value(String name, JsonValue v) throws MalformedException {
        return switch (v) {
            case JsonString s -> s.value();
            case JsonNumber n when n.isIntegral() -> n.integerText();
            case JsonBoolean b -> b.value() ? "yes" : "no";
            default -> throw new MalformedException("argument " + name + " must be a string, an integer or a boolean",
                    true);
        };
    }
}
