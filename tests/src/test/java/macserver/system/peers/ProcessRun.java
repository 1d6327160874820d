package macserver.system.peers;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One finished run of a short-lived command: its exit status and its standard output and error
 * (merged, in the order written). The command is killed, with all it started, when it overruns.
 */
public record ProcessRun(List<String> command, int exitStatus, String output, boolean timedOut) {
    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));

    /** Runs {@code command} to its end, at most {@code limit}; a program that cannot start is an error. */
    public static ProcessRun run(Duration limit, List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(NO_INPUT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), output));
        boolean timedOut = false;
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                Processes.kill(process, Duration.ofSeconds(5));
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Processes.kill(process, Duration.ofSeconds(5));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        return new ProcessRun(List.copyOf(command), timedOut ? -1 : process.exitValue(), text, timedOut);
    }

    public static ProcessRun run(Duration limit, String... command) {
        return run(limit, List.of(command));
    }

    /** Like {@link #run} but a non-zero status or a timeout is an error that shows the output. */
    public static String check(Duration limit, String... command) {
        ProcessRun run = run(limit, List.of(command));
        if (!run.succeeded()) {
            throw new IllegalStateException(run.describe());
        }
        return run.output();
    }

    public boolean succeeded() {
        return !timedOut && exitStatus == 0;
    }

    public String describe() {
        return String.join(" ", command) + (timedOut ? " did not finish in time" : " exited " + exitStatus)
                + (output.isBlank() ? "" : ":\n" + output.strip());
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // The process was killed or closed its end: what was read so far is the output.
        }
    }
}
