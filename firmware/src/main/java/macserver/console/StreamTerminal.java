package macserver.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.jline.terminal.impl.exec.ExecTerminalProvider;

/**
 * JLine's terminal over a pair of byte streams, as its builder makes it, except that the thread
 * moving input from the stream into the line discipline is a virtual thread. JLine starts a
 * platform thread for it, one per terminal: with a terminal per MAC-Telnet session that is a
 * thousand platform threads (and their stacks) for a thousand idle sessions. The pump only waits
 * on its input stream, which is what virtual threads are for. Made paused: set the attributes,
 * then {@link #resume}.
 */
final class StreamTerminal extends ExternalTerminal {

    /** What JLine's builder names as the maker of such a terminal; it keeps no state per terminal. */
    private static final ExecTerminalProvider PROVIDER = new ExecTerminalProvider();

    StreamTerminal(String name, String type, InputStream in, OutputStream out, Size size) throws IOException {
        super(PROVIDER, name, type, in, out, StandardCharsets.UTF_8, StandardCharsets.UTF_8,
                StandardCharsets.UTF_8, Terminal.SignalHandler.SIG_DFL, true, null, size);
    }

    @Override
    public void resume() {
        synchronized (lock) {
            paused = false;
            if (pumpThread == null) {
                pumpThread = Thread.ofVirtual().name(getName() + " input pump").start(this::pump);
            }
        }
    }
}
