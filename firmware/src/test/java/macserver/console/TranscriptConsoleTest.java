package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptConsoleTest {

    private final FakeCliSessions cli = new FakeCliSessions();

    private String run(String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TranscriptConsole(cli, "admin").run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void echoesEachLineAfterThePromptThenItsOutput() throws IOException {
        String transcript = run("/ip mac-server add name=x\n/ip mac-server print\n");

        assertEquals("""
                [admin@MikroTik] > /ip mac-server add name=x
                did </ip mac-server add name=x>
                [admin@MikroTik] > /ip mac-server print
                did </ip mac-server print>
                """, transcript);
        assertEquals(List.of("admin/STDIO"), cli.openedFor);
    }

    @Test
    void stopsAtQuit() throws IOException {
        run("/ip print\n/quit\n/never\n");

        assertEquals(List.of("/ip print", "/quit"), cli.executed);
    }

    @Test
    void overlongLineIsRefusedAndTheRestStillRuns() throws IOException {
        String transcript = run("x".repeat(100 * 1024) + "\n/ip print\n");

        assertEquals(List.of("/ip print"), cli.executed);
        assertEquals("""
                [admin@MikroTik] >\s
                line too long (over 65536 bytes), ignored
                [admin@MikroTik] > /ip print
                did </ip print>
                """, transcript);
    }
}
