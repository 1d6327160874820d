package macserver.console;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Optional;

/**
 * Remembers that its input has ended, so a session can tell a vanished line from a Ctrl-D typed
 * by the user (JLine reports both as end of file). A read error is turned into an ordinary end of
 * input: JLine would otherwise rethrow it ahead of the bytes it still has buffered, losing them.
 * An interrupted wait is not an error of the input and passes through.
 */
final class EndWatchingInputStream extends FilterInputStream {

    private volatile boolean ended;
    private volatile IOException failure;

    EndWatchingInputStream(InputStream in) {
        super(in);
    }

    /** True once the underlying stream returned end of input or failed. */
    boolean ended() {
        return ended;
    }

    /** The read error that ended the input, if it was an error. */
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        try {
            int n = super.read(b, off, len);
            if (n < 0) {
                ended = true;
            }
            return n;
        } catch (InterruptedIOException e) {
            // A wait given up on interrupt consumed nothing and is not the end of the input: the
            // pump of an idle session's terminal is stopped that way, and its session reads on.
            throw e;
        } catch (IOException e) {
            failure = e;
            ended = true;
            return -1;
        }
    }
}
