package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import macserver.config.Plane;
import macserver.console.TerminalSession.Config;
import macserver.console.TerminalSession.End;
import org.junit.jupiter.api.Test;

/**
 * A MAC-Telnet session drops its line editor while it waits for a key and builds one when a key
 * comes. The client must not see a difference: the same keys typed one at a time, with pauses in
 * which the editor is dropped, give byte for byte the output of a session that keeps its editor.
 */
class IdleReleasingEditorTest {

    /** Editing keys of every kind: completion, help, history, cancel, cursor movement, delete. */
    private static final List<String> KEYS = List.of("/ip mac", "\t", "pr", "\t", "\r", "\u001b[A", "\r",
            "/ip mac?", "-server\r", "/ip abandoned", "\u0003", "add na", "\t", "x\r", "ab", "\u001b[D", "\u0004",
            "c\r", "x".repeat(200), "\r", "/quit\r");

    @Test
    void theClientSeesTheSameBytesAsFromASessionThatKeepsItsEditor() throws Exception {
        Typed kept = type(Plane.STDIO, KEYS);
        Typed released = type(Plane.MAC_TELNET, KEYS);

        assertEquals(End.LOGGED_OUT, released.end);
        assertEquals(kept.executed, released.executed);
        assertEquals(List.of("/ip mac-server print ", "/ip mac-server print", "/ip mac-server", "add name=x", "ac",
                "x".repeat(200), "/quit"), released.executed);
        assertEquals(kept.output, released.output);
        // Dropped at every pause at a prompt: the first, and after each of the 7 lines.
        assertEquals(8, released.pausesWithoutEditor);
        assertEquals(0, kept.pausesWithoutEditor);
    }

    @Test
    void keysTypedAheadWhileACommandRunsAreAllRead() throws Exception {
        Typed t = type(Plane.MAC_TELNET, List.of("/ip print\r/ip mac\t\r\u001b[A\r", "/quit\r"));

        assertEquals(List.of("/ip print", "/ip mac-server ", "/ip mac-server", "/quit"), t.executed);
    }

    @Test
    void closeEndsASessionWaitingWithoutEditor() throws Exception {
        Keyboard keyboard = new Keyboard();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TerminalSession session = new TerminalSession(
                Config.loggedIn("admin", Plane.MAC_TELNET, TerminalSettings.SERIAL_DEFAULT), new FakeCliSessions(),
                new FakeLoginService());
        CompletableFuture<End> end = started(() -> run(session, keyboard, screen));
        awaitQuiet(screen);
        session.resize(132, 50);
        assertFalse(session.holdsLineEditor());

        session.close();

        assertEquals(End.CLOSED, end.get(30, TimeUnit.SECONDS));
    }

    /** {@code pausesWithoutEditor}: of the pauses before each group of keys, those without a line editor. */
    private record Typed(End end, String output, List<String> executed, int pausesWithoutEditor) {}

    /** Types each group of keys once the session has printed everything for the one before. */
    private static Typed type(Plane via, List<String> keys) throws Exception {
        FakeCliSessions cli = new FakeCliSessions();
        Keyboard keyboard = new Keyboard();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        // Dropped after a short wait, so each pause below drops the editor.
        TerminalSession session = new TerminalSession(Config.loggedIn("admin", via, TerminalSettings.SERIAL_DEFAULT),
                cli, new FakeLoginService()).withEditorReleasedAfter(Duration.ofMillis(20));
        CompletableFuture<End> end = started(() -> run(session, keyboard, screen));
        int idleWithout = 0;
        for (String k : keys) {
            awaitQuiet(screen);
            idleWithout += session.holdsLineEditor() ? 0 : 1;
            keyboard.type(k);
        }
        End ended = end.get(30, TimeUnit.SECONDS);
        return new Typed(ended, screen.toString(StandardCharsets.UTF_8), List.copyOf(cli.executed), idleWithout);
    }

    /** On a thread of its own: a session that hangs must not block the pool other tests use. */
    private static CompletableFuture<End> started(java.util.function.Supplier<End> task) {
        CompletableFuture<End> out = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                out.complete(task.get());
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    private static End run(TerminalSession session, InputStream in, ByteArrayOutputStream out) {
        try {
            return session.run(in, out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the screen has not changed for a while: the session waits for keys. */
    private static void awaitQuiet(ByteArrayOutputStream screen) throws InterruptedException {
        int last = -1;
        for (int i = 0; i < 300; i++) {
            Thread.sleep(50);
            int now = screen.size();
            if (now == last && now > 0) {
                return;
            }
            last = now;
        }
        throw new AssertionError("the session never went quiet: " + screen);
    }

    /**
     * Keys as MAC-Telnet's terminal input gives them: a read waits for bytes, and an interrupt
     * ends the wait without taking any.
     */
    private static final class Keyboard extends InputStream {
        private final ArrayDeque<Byte> keys = new ArrayDeque<>();

        synchronized void type(String text) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                keys.add(b);
            }
            notifyAll();
        }

        @Override
        public int read() throws InterruptedIOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws InterruptedIOException {
            while (keys.isEmpty()) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
            }
            int n = 0;
            while (n < len && !keys.isEmpty()) {
                b[off + n++] = keys.poll();
            }
            return n;
        }
    }
}
