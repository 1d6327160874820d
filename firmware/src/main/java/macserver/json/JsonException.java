package macserver.json;

/**
 * Input that is not one JSON value, or one we refuse (too deep, a number too long, a name twice).
 * {@link #reason()} says what, {@link #line()} and {@link #column()} where (1-based, in
 * characters; the end of the input is one past its last character).
 */
public final class JsonException extends Exception {
    private final String reason;
    private final int line;
    private final int column;

    JsonException(String reason, int line, int column) {
        super(reason + " at line " + line + " column " + column);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    public String reason() {
        return reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
