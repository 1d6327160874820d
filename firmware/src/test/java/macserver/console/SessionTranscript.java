package macserver.console;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs a {@link TerminalSession} over a fixed input and keeps what it printed, with terminal
 * control sequences and carriage returns removed so tests can look for plain text.
 */
record SessionTranscript(TerminalSession.End end, String output) {

    /** A guard against a hung session failing the whole build; no test measures time with it. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    static SessionTranscript run(TerminalSession session, String input) {
        return run(session, input.getBytes(StandardCharsets.UTF_8));
    }

    static SessionTranscript run(TerminalSession session, byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TerminalSession.End end = assertTimeoutPreemptively(HANG_GUARD,
                () -> session.run(new ByteArrayInputStream(input), out));
        return new SessionTranscript(end, plain(out.toString(StandardCharsets.UTF_8)));
    }

    /** Drops ANSI/VT100 escape sequences, carriage returns, bells and backspaces. */
    static String plain(String raw) {
        return raw.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "")
                .replaceAll("\u001b[=>]", "")
                .replaceAll("\u001b[()][0-9A-Za-z]", "")
                .replaceAll("[\r\u0007\b]", "");
    }
}
