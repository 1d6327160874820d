package macserver.board;

/** A board profile that cannot be found or does not describe a usable board. */
public final class BoardProfileException extends RuntimeException {
    public BoardProfileException(String source, String problem) {
        super("board profile " + source + ": " + problem);
    }

    public BoardProfileException(String source, String problem, Throwable cause) {
        super("board profile " + source + ": " + problem, cause);
    }
}
