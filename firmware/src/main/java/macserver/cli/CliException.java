package macserver.cli;

/**
 * A command that cannot run, with the RouterOS wording. A column (1-based) is added for errors
 * about the text itself ({@code syntax error (line 1 column 7)}); 0 means none.
 */
public final class CliException extends macserver.config.ConfigException {
    private final int column;

    public CliException(String message, int column) {
        super(message);
        this.column = column;
    }

    public CliException(String message) {
        this(message, 0);
    }

    public int column() {
        return column;
    }

    /** What the console prints. */
    public String display() {
        return column > 0 ? getMessage() + " (line 1 column " + column + ")" : getMessage();
    }
}
