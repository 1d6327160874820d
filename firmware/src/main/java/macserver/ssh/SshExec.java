package macserver.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.auth.LoginName;
import macserver.cli.CliSession;
import macserver.cli.CliSessions;
import macserver.config.Plane;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * An SSH exec channel ({@code ssh router '/ip mac-server print'}): runs the command's lines on
 * one CLI session of the user, in order, and exits 0, or 1 at the first line that ends in an
 * error (its message is the output's last line), as a RouterOS script stops there. Writing
 * blocks while the client's window is full, so a client that does not read holds one thread
 * and no growing buffer; the server's write timeout ends it.
 */
final class SshExec extends ChannelCommand {
    private static final Logger LOG = Logger.getLogger(SshExec.class.getName());

    private final CliSessions sessions;
    private final String command;

    SshExec(CliSessions sessions, String command) {
        this.sessions = sessions;
        this.command = command;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        String user = LoginName.parse(channel.getSession().getUsername()).user();
        // With a pty (ssh -t) the client's terminal is raw and needs CR LF.
        boolean pty = env.getEnv().containsKey(Environment.ENV_TERM);
        runInBackground("ssh exec of " + user, () -> run(user, pty));
    }

    private int run(String user, boolean pty) throws IOException {
        CliSession cli = sessions.open(user, Plane.SSH);
        for (String line : command.split("\r?\n|\r")) {
            if (line.isBlank()) {
                continue;
            }
            CliSession.Answer answer = answer(cli, line);
            String text = pty ? answer.output().replace("\n", "\r\n") : answer.output();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (answer.error()) {
                return 1;
            }
            if (cli.quitRequested()) {
                break;
            }
        }
        return 0;
    }

    private static CliSession.Answer answer(CliSession cli, String line) {
        try {
            return cli.answer(line);
        } catch (RuntimeException e) {
            // The CLI promises not to throw; if it does, the client hears of it and nothing else breaks.
            LOG.log(Level.SEVERE, "command failed: " + line, e);
            return new CliSession.Answer("failure: internal error, see the log\n", true);
        }
    }
}
