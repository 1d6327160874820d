package macserver.mactelnet.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import macserver.console.TerminalSettings;
import macserver.mactelnet.MacTerminal;

/**
 * A terminal stand-in: greets the user (unless told not to), answers each line ending in CR with {@code did <line>},
 * logs out on {@code /quit}, and prints {@code big N} as N bytes of output for flow tests.
 */
public final class ScriptedTerminal implements MacTerminal {

    public final String user;
    public final TerminalSettings settings;
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    public final List<String> resizes = Collections.synchronizedList(new ArrayList<>());
    public volatile boolean closed;
    public volatile boolean ended;
    private final boolean greets;

    ScriptedTerminal(String user, TerminalSettings settings, boolean greets) {
        this.user = user;
        this.settings = settings;
        this.greets = greets;
    }

    @Override
    public void run(InputStream in, OutputStream out) throws IOException {
        try {
            if (greets) {
                out.write(("Welcome " + user + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\r') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.US_ASCII);
                line.reset();
                lines.add(text);
                if (text.equals("/quit")) {
                    out.write("bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                if (text.startsWith("big ")) {
                    byte[] big = new byte[Integer.parseInt(text.substring(4))];
                    java.util.Arrays.fill(big, (byte) 'x');
                    out.write(big);
                } else {
                    out.write(("did <" + text + ">\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    @Override
    public void resize(int columns, int rows) {
        resizes.add(columns + "x" + rows);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Waits up to 10 s for {@link #run} to return (it runs on a thread of the server's). */
    public synchronized boolean awaitEnded() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ended && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return ended;
    }
}
