package macserver.console;

import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.cli.CliSession;
import macserver.cli.CliSessions;
import macserver.config.Plane;
import macserver.console.CliLineEditor.Line;
import macserver.users.LoginService;
import org.jline.reader.EndOfFileException;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;

/**
 * A RouterOS terminal over a pair of byte streams: login screen, forced password change, banner,
 * then the CLI with line editing, history, Tab completion and {@code ?} help, until the user
 * logs out. The serial console, the host terminal and MAC-Telnet sessions all run one of these;
 * only the streams, the terminal settings and the login rule differ.
 *
 * <p>{@link #run} blocks the calling thread; {@link #resize} and {@link #close} may be called from
 * any other thread. Bad input (line noise, invalid UTF-8, endless lines, control keys) never ends
 * the session; only the end of the input, a logout or {@link #close} do.
 */
public final class TerminalSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TerminalSession.class.getName());

    /** Why {@link #run} returned. */
    public enum End {
        /** The user logged out (or failed to log in) and the session does not ask again. */
        LOGGED_OUT,
        /** The input stream ended or failed, e.g. the serial device vanished. */
        INPUT_ENDED,
        /** {@link #close} was called. */
        CLOSED
    }

    /** What follows a logout. */
    public enum AfterLogout {
        /** {@link #run} returns {@link End#LOGGED_OUT}: a MAC-Telnet connection or the host terminal. */
        END,
        /** The login prompt comes back, as on a serial console. */
        LOGIN_AGAIN
    }

    /**
     * How a session runs.
     *
     * @param via the plane logins and CLI sessions are opened for
     * @param terminal the terminal type and size at the other end
     * @param loggedInAs a user already authenticated elsewhere (the host terminal, a MAC-Telnet
     *     handshake): no login screen; null to ask for a login
     * @param afterLogout what follows a logout
     * @param failedLoginDelay the pause after a wrong password
     * @param group for a user authenticated by RADIUS, the user group whose rights the CLI uses
     *     (a local user of the same name does not count); null for a local user
     */
    public record Config(Plane via, TerminalSettings terminal, String loggedInAs, AfterLogout afterLogout,
            Duration failedLoginDelay, String group) {

        public Config {
            Objects.requireNonNull(via, "via");
            Objects.requireNonNull(terminal, "terminal");
            Objects.requireNonNull(afterLogout, "afterLogout");
            Objects.requireNonNull(failedLoginDelay, "failedLoginDelay");
            if (failedLoginDelay.isNegative()) {
                throw new IllegalArgumentException("failedLoginDelay must not be negative");
            }
            if (loggedInAs != null && loggedInAs.isBlank()) {
                throw new IllegalArgumentException("loggedInAs must not be blank");
            }
            if (group != null && loggedInAs == null) {
                throw new IllegalArgumentException("a group is only given for a user authenticated elsewhere");
            }
        }

        /** A terminal that asks for a login, again after every logout (a serial console). */
        public static Config withLogin(Plane via, TerminalSettings terminal) {
            return new Config(via, terminal, null, AfterLogout.LOGIN_AGAIN, Duration.ofSeconds(1), null);
        }

        /** A terminal for a user who is already authenticated; it ends when they log out. */
        public static Config loggedIn(String user, Plane via, TerminalSettings terminal) {
            return new Config(via, terminal, Objects.requireNonNull(user, "user"), AfterLogout.END,
                    Duration.ofSeconds(1), null);
        }

        /**
         * Whether the session drops its line editor while it waits for a key
         * ({@link IdleReleasingEditor}): for MAC-Telnet, where a router holds thousands of idle
         * sessions and the input gives up a wait on interrupt without losing keys.
         */
        boolean releasesIdleEditor() {
            return loggedInAs != null && via == Plane.MAC_TELNET;
        }

        public Config withAfterLogout(AfterLogout value) {
            return new Config(via, terminal, loggedInAs, value, failedLoginDelay, group);
        }

        public Config withFailedLoginDelay(Duration value) {
            return new Config(via, terminal, loggedInAs, afterLogout, value, group);
        }

        /** The rights of {@code value} instead of the local user's: a user RADIUS accepted. */
        public Config withGroup(String value) {
            return new Config(via, terminal, loggedInAs, afterLogout, failedLoginDelay, value);
        }
    }

    private final Config config;
    private final CliSessions sessions;
    private final LoginService logins;
    private volatile Terminal terminal;
    private volatile IdleReleasingEditor idleEditor;
    private Duration editorReleaseAfter = IdleReleasingEditor.RELEASE_AFTER;
    private volatile CliSession current;
    private volatile boolean closed;

    public TerminalSession(Config config, CliSessions sessions, LoginService logins) {
        this.config = Objects.requireNonNull(config, "config");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.logins = Objects.requireNonNull(logins, "logins");
    }

    /**
     * Runs the session on a byte stream pair until the user logs out (see {@link AfterLogout}),
     * the input ends or fails, or {@link #close} is called. Does not close the streams.
     */
    public End run(InputStream in, OutputStream out) throws IOException, InterruptedException {
        EndWatchingInputStream input = new EndWatchingInputStream(in);
        TerminalSettings settings = config.terminal();
        String name = "macserver-" + config.via().name().toLowerCase(java.util.Locale.ROOT);
        if (config.releasesIdleEditor()) {
            return runReleasingIdleEditor(new IdleReleasingEditor(input, out, name, settings, () -> current,
                    editorReleaseAfter));
        }
        // Paused until the attributes are set, or the first bytes would be echoed.
        try (Terminal streams = new StreamTerminal(name, settings.type(),
                input, new KeepOpenOutputStream(out), new Size(settings.columns(), settings.rows()))) {
            streams.setAttributes(streamAttributes(streams.getAttributes()));
            streams.resume();
            return run(streams);
        }
    }

    private End runReleasingIdleEditor(IdleReleasingEditor editor) {
        idleEditor = editor;
        try {
            if (closed) {
                return End.CLOSED;
            }
            converse(editor, config.loggedInAs());
            return End.LOGGED_OUT;
        } catch (EndOfFileException | IOError e) {
            return closed ? End.CLOSED : End.INPUT_ENDED;
        } finally {
            editor.close();
        }
    }

    /**
     * Attributes for a terminal that JLine emulates over plain streams: no echo (the editor
     * echoes), control characters reach the editor as keys instead of becoming signals, Ctrl-D
     * is a key for the editor rather than end of file, and CR, LF and CR LF all mean Enter.
     */
    static Attributes streamAttributes(Attributes attributes) {
        attributes.setLocalFlags(java.util.EnumSet.of(LocalFlag.ECHO, LocalFlag.ICANON, LocalFlag.ISIG), false);
        attributes.setInputFlag(InputFlag.ICRNL, false);
        attributes.setInputFlag(InputFlag.INORMEOL, true);
        attributes.setControlChar(ControlChar.VEOF, -1);
        return attributes;
    }

    /**
     * Learns the capabilities of these terminal types now, off any session's path: the first
     * terminal of a type otherwise waits for them (the type's terminfo description, parsed; where
     * JLine has none built in, {@code infocmp} asked first, some tens of milliseconds).
     */
    public static void prepareTerminalTypes(String... types) {
        for (String type : types) {
            TerminalCapabilities.of(type);
        }
    }

    /** Runs the session on a terminal made by the caller (the host's own terminal). */
    End run(Terminal on) throws InterruptedException {
        this.terminal = on;
        if (closed) {
            return End.CLOSED;
        }
        CliLineEditor editor = new CliLineEditor(on, () -> current);
        LoginDialog login = new LoginDialog(editor, logins, config.via(), config.failedLoginDelay());
        try {
            while (true) {
                Optional<String> user = config.loggedInAs() != null
                        ? Optional.of(config.loggedInAs())
                        : login.run(sessions.identity());
                user.ifPresent(name -> converse(editor, name));
                if (config.afterLogout() == AfterLogout.END || config.loggedInAs() != null) {
                    return End.LOGGED_OUT;
                }
            }
        } catch (EndOfFileException | IOError e) {
            return closed ? End.CLOSED : End.INPUT_ENDED;
        }
    }

    /** The logged-in part: banner, then commands until /quit or Ctrl-D. */
    private void converse(CommandEditor editor, String user) {
        CliSession cli = config.group() == null ? sessions.open(user, config.via())
                : sessions.open(user, config.group(), config.via());
        current = cli;
        try {
            // Each command's output goes with the next prompt: one write where the editor can.
            String output = banner();
            while (!cli.quitRequested()) {
                Line line = editor.readCommand(output, cli.prompt());
                output = switch (line.kind()) {
                    case TEXT -> GuardedCli.execute(cli, line.text());
                    case TOO_LONG -> "line too long (over " + CliLineEditor.MAX_LINE_CHARS + " characters), ignored\n";
                    case CANCELLED -> "";
                    case LOGOUT -> null;
                };
                if (output == null) {
                    return;
                }
            }
            editor.print(output);
        } finally {
            current = null;
            editor.forgetHistory();
        }
    }

    private static String banner() {
        String version = Optional.ofNullable(TerminalSession.class.getPackage().getImplementationVersion())
                .orElse("development build");
        return "\n  macserver " + version + ", a RouterOS-compatible MAC server\n"
                + "  ? or F1 shows help, Tab completes, Ctrl-D or /quit logs out.\n\n";
    }

    /** Closing the JLine terminal would close its output; the stream belongs to the caller. */
    static final class KeepOpenOutputStream extends java.io.FilterOutputStream {
        KeepOpenOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** For tests: how long a MAC-Telnet session waits for keys before it drops its line editor. */
    TerminalSession withEditorReleasedAfter(Duration wait) {
        editorReleaseAfter = wait;
        return this;
    }

    /** Whether a line editor is held now; a MAC-Telnet session waiting for a key holds none. */
    boolean holdsLineEditor() {
        IdleReleasingEditor idle = idleEditor;
        return idle == null ? terminal != null : idle.holdsEditor();
    }

    /** The terminal at the other end changed size (a MAC-Telnet window resize). */
    public void resize(int columns, int rows) {
        IdleReleasingEditor idle = idleEditor;
        if (idle != null && columns > 0 && rows > 0) {
            idle.resize(columns, rows);
            return;
        }
        Terminal on = terminal;
        if (on != null && columns > 0 && rows > 0) {
            on.setSize(new Size(columns, rows));
            on.raise(Terminal.Signal.WINCH);
        }
    }

    /** Ends {@link #run} from another thread; the caller still owns and closes the streams. */
    @Override
    public void close() {
        closed = true;
        IdleReleasingEditor idle = idleEditor;
        if (idle != null) {
            idle.close();
        }
        Terminal on = terminal;
        if (on != null) {
            try {
                on.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing terminal", e);
            }
        }
    }
}
