package macserver.console;

import java.io.IOError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import macserver.cli.CliSession;
import macserver.console.CliLineEditor.Line;
import org.jline.reader.EndOfFileException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;

/**
 * The command line of a logged-in session that holds no line editor while it waits for a key.
 * JLine's terminal and reader cost some 50 KB of heap per session (widgets, terminal
 * capabilities, buffers, a pump thread); a router holds thousands of idle MAC-Telnet sessions, so
 * this editor writes each prompt itself, waits on the input stream with nothing but its own
 * thread, drops terminal and reader once the wait has lasted a few seconds, and builds them again
 * when a key arrives (some milliseconds, so a user between two commands keeps them). The reader takes the
 * prompt over as shown ({@link PromptAdoptingReader}), so the client sees the same bytes either
 * way. History survives in a plain list. Keys that arrive while a command runs (type-ahead, a
 * paste) keep the editor until they are read.
 *
 * <p>The input stream must give up a wait on interrupt without consuming bytes; {@link #close}
 * from another thread ends a read.
 */
final class IdleReleasingEditor implements CommandEditor {

    private final EndWatchingInputStream in;
    private final OutputStream out;
    private final String name;
    private final String type;
    private final Supplier<CliSession> session;
    private volatile Size size;
    /** The commands of this login while no editor holds them. */
    private List<String> history = List.of();
    /** Both null while idle; set by the reading thread, cleared by it or, during a long wait, the release timer. */
    private volatile StreamTerminal terminal;
    private CliLineEditor editor;
    private volatile Thread waiting;
    private volatile boolean closed;
    /** How long a session waits for keys before its editor is dropped, unless told otherwise. */
    static final Duration RELEASE_AFTER = Duration.ofSeconds(5);
    private static final Executor RELEASE_LATER = delayed(RELEASE_AFTER);
    private final Executor releaseLater;
    /** Waits for keys so far; the number of the current one in {@link #waitingSince}, 0 while none. */
    private long waits;
    private long waitingSince;

    IdleReleasingEditor(EndWatchingInputStream in, OutputStream out, String name, TerminalSettings settings,
            Supplier<CliSession> session, Duration releaseAfter) {
        this.releaseLater = releaseAfter.equals(RELEASE_AFTER) ? RELEASE_LATER : delayed(releaseAfter);
        this.in = in;
        this.out = out;
        this.name = name;
        this.type = settings.type();
        this.size = new Size(settings.columns(), settings.rows());
        this.session = session;
    }

    @Override
    public Line readCommand(String prompt) {
        return readCommand("", prompt);
    }

    /**
     * While idle, {@code before} and the prompt go out in one write, so they reach a MAC-Telnet
     * client in one DATA rather than two a round trip apart (the session has one DATA in flight).
     */
    @Override
    public Line readCommand(String before, String prompt) {
        try {
            if (editor != null && !stopPump()) {
                print(before);
                return editor.readCommand(prompt);
            }
            if (!PromptAdoptingReader.canAdopt(prompt, size.getColumns())) {
                print(before);
                resumeOrOpen(new byte[0]);
                return editor.readCommand(prompt);
            }
            write(before + keypadTransmit() + prompt);
            startWait();
            byte[] keys = awaitKeys();
            synchronized (this) {
                waitingSince = 0;
                resumeOrOpen(keys);
            }
            terminal.keypadAlreadyShown();
            return editor.readCommandAfterShownPrompt(prompt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndOfFileException(e);
        }
    }

    /** Stops the editor's pump when no key waits; false (the editor stays in use) when one does. */
    private boolean stopPump() throws InterruptedException {
        if (!terminal.stopPumpIfIdle()) {
            return false;
        }
        byte[] unfed = terminal.takeUnfed();
        if (unfed.length == 0) {
            return true;
        }
        terminal.resume(unfed);
        return false;
    }

    /**
     * Marks the start of a wait for keys and has the editor dropped if the wait lasts
     * {@link #RELEASE_AFTER} (or as long as the session was told): a user between two commands keeps it (building one takes
     * milliseconds, which the first key after every prompt would wait), a session left alone
     * does not.
     */
    private static Executor delayed(Duration after) {
        return CompletableFuture.delayedExecutor(after.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized long startWait() {
        long number = ++waits;
        waitingSince = number;
        if (editor != null) {
            releaseLater.execute(() -> releaseIfStillWaiting(number));
        }
        return number;
    }

    private synchronized void releaseIfStillWaiting(long number) {
        if (waitingSince == number) {
            release();
        }
    }

    /** Resumes the pump of the editor kept while waiting, or builds one; feeds it {@code keys} first. */
    private void resumeOrOpen(byte[] keys) {
        if (editor != null) {
            terminal.resume(keys);
        } else {
            open(keys);
        }
    }

    /** Keeps the history and drops terminal and reader. */
    private void release() {
        if (editor == null) {
            return;
        }
        history = List.copyOf(editor.history());
        editor = null;
        StreamTerminal t = terminal;
        terminal = null;
        closeQuietly(t);
    }

    private String keypadTransmit() {
        return TerminalCapabilities.of(type).keypadTransmit();
    }

    /** Waits for the next keys on this thread alone; end of file when the input ends or on {@link #close}. */
    private byte[] awaitKeys() {
        byte[] buffer = new byte[64];
        waiting = Thread.currentThread();
        try {
            int n = closed ? -1 : in.read(buffer);
            if (n < 0 || closed) {
                throw new EndOfFileException();
            }
            return Arrays.copyOf(buffer, n);
        } catch (InterruptedIOException e) {
            // close() interrupted the wait: the session is over.
            Thread.interrupted();
            throw new EndOfFileException(e);
        } catch (IOException e) {
            throw new IOError(e);
        } finally {
            waiting = null;
        }
    }

    /** A terminal and reader for the keys that came, with the history so far. */
    private void open(byte[] keys) {
        try {
            StreamTerminal t = new StreamTerminal(name, type, new NonClosingInput(in), new TerminalSession.KeepOpenOutputStream(out),
                    size);
            t.setAttributes(TerminalSession.streamAttributes(t.getAttributes()));
            CliLineEditor e = new CliLineEditor(t, session);
            e.restoreHistory(history);
            history = List.of();
            terminal = t;
            editor = e;
            t.resume(keys);
            if (closed) {
                closeQuietly(t);
                throw new EndOfFileException();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void print(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (editor != null) {
            editor.print(text);
        } else {
            write(text);
        }
    }

    /** Writes text as the terminal would: UTF-8, each {@code \n} as CR LF. */
    private void write(String text) {
        try {
            out.write(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new IOError(e);
        }
    }

    @Override
    public void forgetHistory() {
        history = List.of();
        if (editor != null) {
            editor.forgetHistory();
        }
    }

    /** The client's window changed size: the next terminal gets it, the current one is told. */
    void resize(int columns, int rows) {
        Size now = new Size(columns, rows);
        size = now;
        Terminal t = terminal;
        if (t != null) {
            t.setSize(now);
            t.raise(Terminal.Signal.WINCH);
        }
    }

    /** Ends a read from another thread. */
    void close() {
        closed = true;
        Thread w = waiting;
        if (w != null) {
            w.interrupt();
        }
        closeQuietly(terminal);
    }

    /** Whether a line editor is held now (for tests and measurements). */
    boolean holdsEditor() {
        return terminal != null;
    }

    private static void closeQuietly(Terminal t) {
        if (t != null) {
            try {
                t.close();
            } catch (IOException e) {
                // Closing only drops buffers; the streams belong to the session.
            }
        }
    }

    /** The session's input outlives each terminal made on it. */
    private static final class NonClosingInput extends java.io.FilterInputStream {
        NonClosingInput(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}
