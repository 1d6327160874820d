package macserver.console;

import org.jline.reader.LineReader;
import org.jline.reader.Widget;

/**
 * Stops a line from growing past a limit while it is typed. JLine redraws the whole line after
 * every key, so an endless line (line noise, a runaway paste) would cost time quadratic in its
 * length. Past the limit the line is emptied and the rest of it, up to Enter, is dropped; the
 * caller then reports the line as too long instead of running a truncated command.
 */
final class LineLengthLimit {

    private final int maxChars;
    private boolean overflowed;

    LineLengthLimit(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("line length limit must be positive");
        }
        this.maxChars = maxChars;
    }

    int maxChars() {
        return maxChars;
    }

    /** Wraps the reader's self-insert widget so every typed character passes the limit first. */
    void install(LineReader reader) {
        Widget insert = reader.getBuiltinWidgets().get(LineReader.SELF_INSERT);
        reader.getWidgets().put(LineReader.SELF_INSERT, () -> {
            if (overflowed) {
                return true;
            }
            if (reader.getBuffer().length() + reader.getLastBinding().length() > maxChars) {
                overflowed = true;
                reader.getBuffer().clear();
                return true;
            }
            return insert.apply();
        });
    }

    /** Whether the line just read overflowed; clears the mark for the next line. */
    boolean takeOverflow() {
        boolean was = overflowed;
        overflowed = false;
        return was;
    }
}
