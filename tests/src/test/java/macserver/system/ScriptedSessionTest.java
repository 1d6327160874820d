package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code printf '...' | make run}: the seed's section 2 as a scripted session through the same
 * script make run starts (firmware/bin/run: the lab namespaces as root), and the configuration
 * still there on the next run.
 */
class ScriptedSessionTest {
    @TempDir
    Path dir;

    private String run(String input) throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("macserver.root", ".")).toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("firmware/bin/run").toString());
        pb.environment().put("FLASH", dir.resolve("flash.img").toString());
        pb.redirectErrorStream(false);
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "run did not end at end of input");
        assertEquals(0, p.exitValue(), "exit status; stderr:\n" + err);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void seedCommandsPipedIntoRunAndKeptForTheNextRun() throws Exception {
        String out = run("""
                /ip mac-server add name=my-mac-server
                /ip mac-server binding add mac-address=00:01:02:03:04:05 server=my-mac-server
                /ip mac-server set my-mac-server default
                /ip mac-server print
                /ip mac-server binding print
                """);
        assertTrue(out.contains("[admin@MikroTik] > /ip mac-server print"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("0 \\* my-mac-server\\s+all\\s+local\\s+0\\s+0\\s+0")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("0\\s+00:01:02:03:04:05\\s+my-mac-server\\s+allow")), out);
        assertTrue(!out.contains("failure") && !out.contains("error"), out);

        String again = run("/ip mac-server print\n/export\n");
        assertTrue(again.lines().anyMatch(l -> l.matches("0 \\* my-mac-server.*")), again);
        assertTrue(again.contains("add mac-address=00:01:02:03:04:05 server=my-mac-server"), again);
    }
}
