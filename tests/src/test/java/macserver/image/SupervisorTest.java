package macserver.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's supervisor (image/rootfs/macserver-supervise) on this host, with a stand-in
 * firmware that dies a set number of times and a stand-in sleep that records each pause instead
 * of waiting: the restarts, the doubling back-off and its cap, the reset after a stable run, and
 * a clean stop on SIGTERM that passes the signal on to the firmware.
 */
class SupervisorTest {
    private static final Path SUPERVISE = ScriptRun.REPO.resolve("image/rootfs/macserver-supervise");
    /** Guards against a hung script; not a speed requirement. */
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** A firmware that ends with status 3 the first {@code failures} times, then keeps running until TERM. */
    private Path firmware(int failures) throws Exception {
        return script("firmware", """
                #!/bin/sh
                n=$(($(cat "$0.runs" 2>/dev/null || echo 0) + 1))
                echo "$n" > "$0.runs"
                if [ "$n" -le %d ]; then exit 3; fi
                trap 'echo terminated > "$0.term"; exit 143' TERM
                echo running > "$0.state"
                while true; do sleep 1; done
                """.formatted(failures));
    }

    private Path script(String name, String text) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }

    private Process start(Path firmware, Map<String, String> environment) throws Exception {
        Path pauses = script("pause", "#!/bin/sh\necho \"$1\" >> \"$0.log\"\n");
        ProcessBuilder builder = new ProcessBuilder("sh", SUPERVISE.toString(), firmware.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("supervisor.log").toFile());
        builder.environment().put("MACSERVER_SLEEP", pauses.toString());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " never appeared; supervisor log:\n" + Files.readString(dir.resolve("supervisor.log")));
            }
            Thread.sleep(20);
        }
    }

    private List<String> pauses() throws Exception {
        Path log = dir.resolve("pause.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private int stop(Process supervisor) throws Exception {
        supervisor.toHandle().destroy(); // SIGTERM
        assertTrue(supervisor.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the supervisor did not stop");
        return supervisor.exitValue();
    }

    @Test
    void restartsADyingFirmwareWithADoublingPauseUpToTheCap() throws Exception {
        Path firmware = firmware(6);
        Process supervisor = start(firmware, Map.of("MACSERVER_BACKOFF_MIN", "1", "MACSERVER_BACKOFF_MAX", "8",
                "MACSERVER_STABLE", "3600"));
        awaitFile(dir.resolve("firmware.state"));

        assertEquals("7", Files.readString(dir.resolve("firmware.runs")).strip(), "six failures, then the seventh run stays up");
        assertEquals(List.of("1", "2", "4", "8", "8", "8"), pauses());
        String log = Files.readString(dir.resolve("supervisor.log"));
        assertTrue(log.contains("the firmware ended with status 3"), log);
        assertEquals(0, stop(supervisor));
    }

    @Test
    void aRunThatLastedTheStablePeriodStartsTheBackOffAgain() throws Exception {
        Path firmware = firmware(4);
        // Every run counts as stable (0 s), so no pause ever grows.
        Process supervisor = start(firmware, Map.of("MACSERVER_BACKOFF_MIN", "2", "MACSERVER_STABLE", "0"));
        awaitFile(dir.resolve("firmware.state"));

        assertEquals(List.of("2", "2", "2", "2"), pauses());
        assertEquals(0, stop(supervisor));
    }

    @Test
    void sigtermStopsTheFirmwareWithSigtermAndDoesNotRestartIt() throws Exception {
        Path firmware = firmware(0);
        Process supervisor = start(firmware, Map.of());
        awaitFile(dir.resolve("firmware.state"));

        assertEquals(0, stop(supervisor));
        assertTrue(Files.exists(dir.resolve("firmware.term")), "the firmware was not sent SIGTERM");
        assertEquals("1", Files.readString(dir.resolve("firmware.runs")).strip(), "the firmware was started again after the stop");
        assertTrue(pauses().isEmpty());
        String log = Files.readString(dir.resolve("supervisor.log"));
        assertTrue(log.contains("macserver-supervise: stopped"), log);
    }

    @Test
    void aCleanExitIsRestartedToo() throws Exception {
        Path firmware = script("firmware", """
                #!/bin/sh
                n=$(($(cat "$0.runs" 2>/dev/null || echo 0) + 1))
                echo "$n" > "$0.runs"
                if [ "$n" -le 1 ]; then exit 0; fi
                echo running > "$0.state"
                while true; do sleep 1; done
                """);
        Process supervisor = start(firmware, Map.of());
        awaitFile(dir.resolve("firmware.state"));

        assertEquals(List.of("1"), pauses());
        assertFalse(Files.readString(dir.resolve("supervisor.log")).isEmpty());
        assertEquals(0, stop(supervisor));
    }

    @Test
    void withoutACommandItSaysHowToUseIt() throws Exception {
        ScriptRun run = ScriptRun.run(List.of("sh", SUPERVISE.toString()), Map.of(), dir.resolve("usage.log"), LIMIT.toSeconds());

        assertEquals(2, run.status());
        assertTrue(run.output().contains("usage: macserver-supervise COMMAND"), run.output());
    }
}
