package macserver.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.cli.CliSession;
import macserver.cli.CliSessions;
import macserver.config.Plane;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * The shell of a login with RouterOS's {@code e} option (dumb terminal), which scripts such as
 * netmiko ask for: no escape sequences, no completion, plain echo. Enter answers as RouterOS
 * does there, in one write: the line repainted after the prompt, the command's output, the
 * next prompt. Scrapers rely on that: they cut the echo and the repainted line from the front
 * and stop reading at the prompt, so the output must not come after a prompt of its own.
 */
final class DumbShell extends ChannelCommand {
    private static final Logger LOG = Logger.getLogger(DumbShell.class.getName());
    private static final int MAX_LINE_BYTES = 4096;

    private final CliSessions sessions;
    private final String user;

    DumbShell(CliSessions sessions, String user) {
        this.sessions = sessions;
        this.user = user;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        runInBackground("ssh dumb shell of " + user, () -> {
            converse();
            return 0;
        });
    }

    private void converse() throws IOException {
        CliSession cli = sessions.open(user, Plane.SSH);
        write(cli.prompt());
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        boolean afterCr = false;
        byte[] buffer = new byte[1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            ByteArrayOutputStream echo = new ByteArrayOutputStream();
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xff;
                boolean lfOfCrLf = b == '\n' && afterCr;
                afterCr = b == '\r';
                if (lfOfCrLf) {
                    continue;
                }
                if (b == '\r' || b == '\n') {
                    out.write(echo.toByteArray());
                    echo.reset();
                    String reply = tooLong ? "\r\nline too long (over " + MAX_LINE_BYTES + " bytes), ignored\r\n" + cli.prompt()
                            : enter(cli, line.toString(StandardCharsets.UTF_8));
                    write(reply);
                    line.reset();
                    tooLong = false;
                    if (cli.quitRequested()) {
                        return;
                    }
                } else if (b == 3) {
                    line.reset();
                    tooLong = false;
                    echo.write(("\r\n" + cli.prompt()).getBytes(StandardCharsets.UTF_8));
                } else if (b == 4 && line.size() == 0) {
                    out.write(echo.toByteArray());
                    out.flush();
                    return;
                } else if ((b == 0x7f || b == 8) && line.size() > 0) {
                    byte[] kept = line.toByteArray();
                    int cut = kept.length - 1;
                    while (cut > 0 && (kept[cut] & 0xc0) == 0x80) {
                        cut--;
                    }
                    line.reset();
                    line.write(kept, 0, cut);
                    echo.write(new byte[] {8, ' ', 8});
                } else if (b >= 0x20 && b != 0x7f) {
                    if (line.size() >= MAX_LINE_BYTES) {
                        tooLong = true;
                    } else {
                        line.write(b);
                        echo.write(b);
                    }
                }
            }
            out.write(echo.toByteArray());
            out.flush();
        }
    }

    /** What Enter on {@code text} shows: the repainted line, the output, the next prompt. */
    private static String enter(CliSession cli, String text) {
        String prompt = cli.prompt();
        if (text.isBlank()) {
            return "\r\n" + prompt;
        }
        String output;
        try {
            output = cli.execute(text);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "command failed: " + text, e);
            output = "failure: internal error, see the log\n";
        }
        return "\r\n" + prompt + text + "\r\n\r\n" + output.replace("\n", "\r\n") + cli.prompt();
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
