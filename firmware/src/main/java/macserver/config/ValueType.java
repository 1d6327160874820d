package macserver.config;

import java.util.List;

/**
 * How one kind of property value is read from CLI text, shown, and kept on flash. Values are
 * plain immutable Java objects (String, Boolean, Long, Integer ids, List of String, byte[]).
 */
public interface ValueType {

    /** Short description for help output, e.g. {@code yes | no} or {@code MAC address}. */
    String description();

    /** Parses CLI text; the message of the exception is what the console prints. */
    Object parse(String text, String property, References refs) throws ConfigException;

    /** The value as print and export show it. */
    String format(Object value, References refs);

    /** Values that Tab completion offers (enum words, names of referenced items). */
    default List<String> completions(References refs) {
        return List.of();
    }

    /** A stable text form for flash; independent of names that can be renamed. */
    default String encode(Object value) {
        return format(value, References.NONE);
    }

    default Object decode(String stored) throws ConfigException {
        return parse(stored, "stored value", References.NONE);
    }

    /** Orders two values for where-expressions ({@code <}, {@code >}); text order unless numeric. */
    default int compare(Object a, Object b) {
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
