package macserver.mactelnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import macserver.console.TerminalSession;

/** The CLI terminal a logged-in session talks to; what the host opens for a user. */
public interface MacTerminal {

    /** Runs until the user logs out, the input ends or {@link #close} is called. */
    void run(InputStream in, OutputStream out) throws IOException, InterruptedException;

    /** The client's window changed size. */
    void resize(int columns, int rows);

    /** Ends {@link #run} from another thread. */
    void close();

    /** A console {@link TerminalSession} (made with {@code Config.loggedIn(user, Plane.MAC_TELNET, settings)}). */
    static MacTerminal of(TerminalSession session) {
        return new MacTerminal() {
            @Override
            public void run(InputStream in, OutputStream out) throws IOException, InterruptedException {
                session.run(in, out);
            }

            @Override
            public void resize(int columns, int rows) {
                session.resize(columns, rows);
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }
}
