package macserver.system.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The packaged firmware as a separate process with its console on piped standard input and
 * output (the scripted mode of {@code make run}): send lines, read the transcript line by line.
 */
public final class StdioFirmware implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder transcript = new StringBuilder();

    private StdioFirmware(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(read failed: " + e + ")");
            }
        }, "firmware-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -jar macserver.jar --console=stdio --flash=<flash>} plus {@code options}. */
    public static StdioFirmware start(Path flash, String... options) throws IOException {
        return startIn(null, flash, options);
    }

    /** The same, inside network namespace {@code netns} (null: this one). */
    public static StdioFirmware startIn(String netns, Path flash, String... options) throws IOException {
        return startIn(netns, List.of(), flash, options);
    }

    /** The same, with {@code jvmOptions} for the JVM (a board's heap cap, say). */
    public static StdioFirmware startIn(String netns, List<String> jvmOptions, Path flash, String... options)
            throws IOException {
        String home = System.getProperty("macserver.home");
        Path jar = Path.of(home == null ? "firmware/target" : home, "macserver.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the firmware first (mvn package)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        if (netns != null) {
            command.addAll(List.of("ip", "netns", "exec", netns));
        }
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(),
                "--board=host", "--console=stdio", "--flash=" + flash));
        command.addAll(List.of(options));
        if (List.of(options).stream().noneMatch(o -> o.startsWith("--rest-"))) {
            // Keep the REST API on loopback and off the real ports 80/443 unless a test asks.
            command.addAll(List.of("--rest-listen=127.0.0.1", "--rest-port-shift=" + (freePort() - 443)));
        }
        return new StdioFirmware(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** A TCP port that is free on loopback now (above 443, so that it can be a shift of www-ssl's). */
    public static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                if (s.getLocalPort() > 443) {
                    return s.getLocalPort();
                }
            }
        }
        throw new IOException("no free port");
    }

    public void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Reads transcript lines until one contains {@code text}; fails after {@code seconds}. */
    public String await(String text, int seconds) throws InterruptedException {
        return await(text, false, seconds);
    }

    /** Reads transcript lines until one is exactly {@code text}. */
    public String awaitLine(String text, int seconds) throws InterruptedException {
        return await(text, true, seconds);
    }

    /** Reads transcript lines until one matches {@code regex} whole. */
    public String awaitMatching(String regex, int seconds) throws InterruptedException {
        return await(regex, seconds, line -> line.matches(regex));
    }

    private String await(String text, boolean exact, int seconds) throws InterruptedException {
        return await(text, seconds, line -> exact ? line.equals(text) : line.contains(text));
    }

    private String await(String text, int seconds, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line containing '" + text + "' within " + seconds + " s; transcript:\n"
                        + transcript + (process.isAlive() ? "" : "(firmware exited " + process.exitValue() + ")"));
            }
            transcript.append(line).append('\n');
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Closes standard input and waits for the firmware to end on its own; returns the rest of the transcript. */
    public String finish(int seconds) throws IOException, InterruptedException {
        stdin.close();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("firmware did not end after end of input; transcript:\n" + transcript);
        }
        Thread.sleep(100);
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        rest.forEach(l -> transcript.append(l).append('\n'));
        return transcript.toString();
    }

    public String transcript() {
        return transcript.toString();
    }

    /** Ends the process the way a power cut ends a router: SIGKILL, no shutdown hooks. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
