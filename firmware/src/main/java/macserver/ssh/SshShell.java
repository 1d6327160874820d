package macserver.ssh;

import java.util.Map;
import macserver.auth.LoginName;
import macserver.cli.CliSessions;
import macserver.config.Plane;
import macserver.console.TerminalSession;
import macserver.console.TerminalSettings;
import macserver.users.LoginService;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * An SSH shell channel: the console's interactive CLI for the logged-in user, sized and typed
 * from the client's pty request (or the login name's options) and resized on its window changes.
 * Without a pty it assumes RouterOS's serial default (vt102, 80x24).
 */
final class SshShell extends ChannelCommand {
    private final CliSessions sessions;
    private final LoginService logins;
    private volatile TerminalSession terminal;

    SshShell(CliSessions sessions, LoginService logins) {
        this.sessions = sessions;
        this.logins = logins;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        LoginName name = LoginName.parse(channel.getSession().getUsername());
        String user = name.user();
        LoginOptions options = LoginOptions.parse(name.options());
        TerminalSession session = new TerminalSession(TerminalSession.Config.loggedIn(user, Plane.SSH,
                options.applyTo(settings(env.getEnv()))), sessions, logins);
        terminal = session;
        env.addSignalListener((ch, signal) -> {
            TerminalSettings now = options.applyTo(settings(env.getEnv()));
            session.resize(now.columns(), now.rows());
        }, Signal.WINCH);
        runInBackground("ssh shell of " + user, () -> {
            session.run(in, out);
            return 0;
        });
    }

    /** The terminal the client asked for; RouterOS's serial default where it said nothing usable. */
    static TerminalSettings settings(Map<String, String> env) {
        String type = env.get(Environment.ENV_TERM);
        int columns = number(env.get(Environment.ENV_COLUMNS), TerminalSettings.SERIAL_DEFAULT.columns());
        int rows = number(env.get(Environment.ENV_LINES), TerminalSettings.SERIAL_DEFAULT.rows());
        return new TerminalSettings(type == null || type.isBlank() || type.length() > 64
                ? TerminalSettings.SERIAL_DEFAULT.type() : type, columns, rows);
    }

    private static int number(String text, int fallback) {
        try {
            int n = text == null ? 0 : Integer.parseInt(text.strip());
            return n >= 1 && n <= 10_000 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        super.destroy(channel);
        TerminalSession session = terminal;
        if (session != null) {
            session.close();
        }
    }
}
