package macserver.console;

import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.cli.CliSession;

/** Runs a line on the CLI so that a bug in a command costs one error line, not the console. */
final class GuardedCli {

    private static final Logger LOG = Logger.getLogger(GuardedCli.class.getName());

    private GuardedCli() {
    }

    static String execute(CliSession cli, String line) {
        try {
            return cli.execute(line);
        } catch (RuntimeException e) {
            // The CLI promises not to throw; if it does, the terminal stays up and says so.
            LOG.log(Level.SEVERE, "command failed: " + line, e);
            return "failure: internal error, see the log\n";
        }
    }
}
