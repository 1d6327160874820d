package macserver.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A script of image/ run to its end: exit status and what it printed (both streams). */
record ScriptRun(int status, String output) {
    static final Path REPO = Path.of(System.getProperty("macserver.root", "..")).toAbsolutePath().normalize();

    /** Runs {@code command} with {@code environment} added; gives up (and fails) after {@code limitSeconds}. */
    static ScriptRun run(List<String> command, Map<String, String> environment, Path log, long limitSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end in " + limitSeconds + " s; output:\n" + Files.readString(log));
        }
        return new ScriptRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
