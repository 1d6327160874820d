package macserver.json;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A number, kept as its literal text: the firmware reads only whole numbers, as text (a property's
 * console value) or as a long (a timestamp), so nothing converts a fraction or a 300-digit
 * integer that a peer sent unless asked to.
 */
public record JsonNumber(String literal) implements JsonValue {
    /** RFC 8259's number: what a literal must be, so that the writer can copy it out as it is. */
    private static final Pattern GRAMMAR = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    public JsonNumber {
        if (!GRAMMAR.matcher(literal).matches()) {
            throw new IllegalArgumentException("not a JSON number: " + literal);
        }
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /** True for a whole number written without a fraction or an exponent ({@code 12}, not {@code 12.0}, {@code 1e2}). */
    public boolean isIntegral() {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /** A whole number's decimal text; {@code -0} reads as {@code 0}, as the console would print it. */
    public String integerText() {
        if (!isIntegral()) {
            throw new IllegalStateException("not a whole number: " + literal);
        }
        return literal.equals("-0") ? "0" : literal;
    }

    /** True if this is a whole number in the range of a long. */
    public boolean fitsLong() {
        if (!isIntegral()) {
            return false;
        }
        // 20 characters hold every long with its sign; longer literals are out of range anyway.
        if (literal.length() > 20) {
            return false;
        }
        BigInteger v = new BigInteger(literal);
        return v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0;
    }

    /** The value of a number that {@link #fitsLong() fits a long}. */
    public long longValue() {
        if (!fitsLong()) {
            throw new IllegalStateException("not a long: " + literal);
        }
        return Long.parseLong(literal);
    }

    @Override
    public String toString() {
        return literal;
    }
}
