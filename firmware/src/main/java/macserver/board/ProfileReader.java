package macserver.board;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to the keys of one profile file. It remembers which keys were asked for so that a
 * misspelt key is reported instead of silently falling back to nothing.
 */
final class ProfileReader {
    private final Properties properties;
    private final String source;
    private final Set<String> asked = new HashSet<>();

    ProfileReader(Properties properties, String source) {
        this.properties = properties;
        this.source = source;
    }

    String text(String key) {
        asked.add(key);
        String value = properties.getProperty(key);
        if (value == null) {
            throw problem("missing key '" + key + "'");
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw problem("key '" + key + "' is empty");
        }
        return trimmed;
    }

    /** A key that may be left out; present, it must not be empty. */
    Optional<String> optionalText(String key) {
        asked.add(key);
        return properties.getProperty(key) == null ? Optional.empty() : Optional.of(text(key));
    }

    int positiveInt(String key) {
        return parsePositive(key, text(key));
    }

    OptionalInt optionalPositiveInt(String key) {
        asked.add(key);
        return properties.getProperty(key) == null ? OptionalInt.empty() : OptionalInt.of(positiveInt(key));
    }

    /** A list of words separated by commas and/or white space. */
    List<String> words(String key) {
        return new ArrayList<>(Arrays.asList(text(key).split("[,\\s]+")));
    }

    void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(asked);
        if (!unknown.isEmpty()) {
            throw problem("unknown key(s) " + unknown);
        }
    }

    BoardProfileException problem(String message) {
        return new BoardProfileException(source, message);
    }

    private int parsePositive(String key, String value) {
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw problem("key '" + key + "' must be a whole number, was '" + value + "'");
        }
        if (parsed < 1) {
            throw problem("key '" + key + "' must be at least 1, was " + parsed);
        }
        return parsed;
    }
}
