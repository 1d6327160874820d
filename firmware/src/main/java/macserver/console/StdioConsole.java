package macserver.console;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.cli.CliSessions;
import macserver.config.Plane;
import macserver.users.LoginService;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The console on the firmware's own standard input and output (`make run`). That terminal
 * belongs to whoever started the process, so there is no login: it runs as {@code admin}. On a
 * real terminal it is a full {@link TerminalSession}; on piped input it is a {@link TranscriptConsole}.
 */
public final class StdioConsole implements Console {

    private static final Logger LOG = Logger.getLogger(StdioConsole.class.getName());
    static final String USER = "admin";

    private final CliSessions sessions;
    private final LoginService logins;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile TerminalSession session;

    StdioConsole(CliSessions sessions, LoginService logins) {
        this.sessions = sessions;
        this.logins = logins;
    }

    void start() {
        Thread.ofPlatform().name("console-stdio").daemon(true).start(() -> {
            try {
                if (System.console() != null && System.console().isTerminal()) {
                    runOnTerminal();
                } else {
                    new TranscriptConsole(sessions, USER).run(System.in, System.out);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.SEVERE, "stdio console failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ended.countDown();
            }
        });
    }

    private void runOnTerminal() throws IOException, InterruptedException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Attributes original = terminal.getAttributes();
            Attributes noSignals = new Attributes(original);
            // Ctrl-C cancels a line, as on a router, instead of killing the firmware.
            noSignals.setLocalFlag(Attributes.LocalFlag.ISIG, false);
            terminal.setAttributes(noSignals);
            try {
                // A terminal that cannot tell its size reports 0; assume the classic 80x24.
                TerminalSettings settings = new TerminalSettings(terminal.getType(),
                        terminal.getWidth() > 0 ? terminal.getWidth() : 80,
                        terminal.getHeight() > 0 ? terminal.getHeight() : 24);
                session = new TerminalSession(TerminalSession.Config.loggedIn(USER, Plane.STDIO, settings),
                        sessions, logins);
                session.run(terminal);
            } finally {
                terminal.setAttributes(original);
            }
        }
    }

    @Override
    public void stop() {
        TerminalSession running = session;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }
}
