package macserver.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import macserver.cli.CliSession;
import macserver.cli.CliSessions;
import macserver.config.Plane;

/**
 * The host console when standard input is not a terminal: runs each input line as a command
 * and writes a transcript, as if it had been typed ({@code [admin@MikroTik] > /ip mac-server print}
 * followed by the output). It stops at the end of the input or at {@code /quit}, which makes
 * {@code printf '...' | java -jar macserver.jar} a scripted session.
 */
final class TranscriptConsole {

    static final int MAX_LINE_BYTES = 64 * 1024;

    private final CliSessions sessions;
    private final String user;

    TranscriptConsole(CliSessions sessions, String user) {
        this.sessions = sessions;
        this.user = user;
    }

    void run(InputStream in, OutputStream out) throws IOException {
        CliSession cli = sessions.open(user, Plane.STDIO);
        BoundedLineReader lines = new BoundedLineReader(in, MAX_LINE_BYTES);
        Writer transcript = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        BoundedLineReader.Line line;
        while (!cli.quitRequested() && (line = lines.next()) != null) {
            transcript.write(cli.prompt() + line.text() + "\n");
            transcript.write(line.tooLong()
                    ? "line too long (over " + lines.maxBytes() + " bytes), ignored\n"
                    : GuardedCli.execute(cli, line.text()));
            transcript.flush();
        }
    }
}
