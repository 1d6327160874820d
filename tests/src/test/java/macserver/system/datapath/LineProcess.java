package macserver.system.datapath;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A child process spoken to in lines: commands to its input, its output and errors read line by line. */
final class LineProcess implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder transcript = new StringBuilder();

    private LineProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        pump(process.getInputStream(), "");
        pump(process.getErrorStream(), "stderr: ");
    }

    static LineProcess start(List<String> command) throws IOException {
        return new LineProcess(new ProcessBuilder(command).start());
    }

    private void pump(InputStream in, String prefix) {
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(prefix + line);
                }
            } catch (IOException e) {
                lines.add(prefix + "(read failed: " + e + ")");
            }
        });
    }

    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
    }

    /** The next line that {@code wanted} accepts, skipping others; fails after {@code seconds}. */
    String await(Predicate<String> wanted, String what, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (line == null && left > 0 && (process.isAlive() || !lines.isEmpty() || !drained())) {
                continue;
            }
            if (line == null) {
                throw new AssertionError("no " + what + " within " + seconds + " s; output so far:\n" + transcript
                        + (process.isAlive() ? "" : "(exited " + process.exitValue() + ")"));
            }
            transcript.append(line).append('\n');
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** After an exit: gives the readers a moment for the last lines, true when none came. */
    private boolean drained() throws InterruptedException {
        Thread.sleep(200);
        return lines.isEmpty();
    }

    String awaitPrefix(String prefix, int seconds) throws InterruptedException {
        return await(line -> line.startsWith(prefix), "line starting '" + prefix + "'", seconds);
    }

    /** Waits for the exit and returns the status. */
    int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s; output:\n" + transcript);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
