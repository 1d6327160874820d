package macserver.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import macserver.system.peers.Netns;
import macserver.system.support.StdioFirmware;

/**
 * The packaged firmware in the router namespace, started as {@code firmware/bin/run} starts it on
 * the host board (that profile's JVM options), console on standard input and output, set up for
 * the benchmark: a user allowed MD5 logins, one server for all sessions, bindings for the
 * generator's legitimate MACs.
 */
final class FirmwareServer implements BenchServer {
    static final String IDENTITY = "bench-router";
    static final String USER = "bench";
    static final String PASSWORD = "bench-pass";
    static final String SERVER = "bench";

    private final Process process;
    private final Netns netns;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private FirmwareServer(Process process, Netns netns) {
        this.process = process;
        this.netns = netns;
        this.stdin = process.getOutputStream();
        Thread.ofPlatform().daemon().name("firmware-console").start(() -> readLines(process.getInputStream()));
    }

    private void readLines(InputStream in) {
        StringBuilder line = new StringBuilder();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') {
                    lines.add(line.toString());
                    line.setLength(0);
                } else if (b != '\r') {
                    line.append((char) b);
                }
            }
        } catch (IOException e) {
            lines.add("(console read failed: " + e.getMessage() + ")");
        }
    }

    /** The JVM options of the host board profile (what firmware/bin/run and a router use). */
    static List<String> boardJvmOptions() throws IOException {
        Path profile = repository().resolve("board/host.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(profile)) {
            p.load(in);
        }
        String options = p.getProperty("jvm.options", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    static Path repository() {
        return Path.of(System.getProperty("macserver.root", ".")).toAbsolutePath().normalize();
    }

    static Path jar() {
        Path jar = repository().resolve("firmware/target/macserver.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run make build first");
        }
        return jar;
    }

    /** The flash image a firmware started with {@code dir} keeps its configuration in. */
    static Path flashImage(Path dir) {
        return dir.resolve("bench-flash.img");
    }

    /** Starts it in the router namespace with a new flash image in {@code dir}, and sets it up. */
    static FirmwareServer start(Netns netns, Path dir, int bindings, List<String> bindingBases) throws Exception {
        return start(GeneratorRun.java(), netns, dir, bindings, bindingBases);
    }

    /** The same on another {@code java} (a runtime of another VM variant, for the benchmark that compares them). */
    static FirmwareServer start(String java, Netns netns, Path dir, int bindings, List<String> bindingBases) throws Exception {
        FirmwareServer fw = launch(java, netns, flashImage(dir), "host", List.of());
        try {
            fw.addUser();
            fw.command("/ip mac-server add name=" + SERVER + " max-sessions=16384");
            fw.command("/ip mac-server set " + SERVER + " default");
            for (String base : bindingBases) {
                String[] b = base.split(":");
                fw.bind(Long.parseLong(b[0], 16), b.length > 1 ? Integer.parseInt(b[1]) : bindings, b.length > 2 ? b[2] : "allow");
            }
            return fw;
        } catch (Exception | Error e) {
            fw.close();
            throw e;
        }
    }

    /**
     * Starts it on a flash image that already holds server {@value #SERVER} as the default one,
     * with board profile {@code board} and {@code jvmOptions} after the host profile's, and adds the user.
     */
    static FirmwareServer startPrepared(Netns netns, Path flash, Path board, List<String> jvmOptions) throws Exception {
        FirmwareServer fw = launch(GeneratorRun.java(), netns, flash, board.toString(), jvmOptions);
        try {
            fw.addUser();
            return fw;
        } catch (Exception | Error e) {
            fw.close();
            throw e;
        }
    }

    private static FirmwareServer launch(String java, Netns netns, Path flash, String board, List<String> jvmOptions)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(boardJvmOptions());
        command.addAll(jvmOptions);
        // For a profile of the firmware under a benchmark's traffic, e.g.
        // -Dmacserver.bench.firmware-options=-XX:StartFlightRecording=filename=/tmp/fw.jfr
        String extra = System.getProperty("macserver.bench.firmware-options", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar().toString(), "--board=" + board, "--console=stdio",
                "--flash=" + flash, "--interfaces=" + netns.routerInterface(),
                "--rest-listen=127.0.0.1", "--rest-port-shift=" + (StdioFirmware.freePort() - 443)));
        Process p = new ProcessBuilder(netns.inRouter(command)).redirectErrorStream(true).start();
        FirmwareServer fw = new FirmwareServer(p, netns);
        try {
            fw.await("MAC server answering on", 180);
            return fw;
        } catch (Exception | Error e) {
            fw.close();
            throw e;
        }
    }

    private void addUser() throws IOException, InterruptedException {
        command("/system identity set name=" + IDENTITY);
        command("/user add name=" + USER + " group=full password=" + PASSWORD + " allow-md5-login=yes");
    }

    /** Adds {@code count} bindings from {@code base} up, all sent at once, then waits until the console has run them. */
    void bind(long base, int count, String action) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < count; i++) {
            script.append("/ip mac-server binding add mac-address=").append(colons(base + i)).append(" server=")
                    .append(SERVER).append(" action=").append(action).append('\n');
        }
        stdin.write(script.toString().getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
        command("/system identity get name");
    }

    static String colons(long mac) {
        return String.format("%012x", mac).replaceAll("(..)(?!$)", "$1:");
    }

    /** Runs one console command and waits until the console has finished it. */
    void command(String line) throws IOException, InterruptedException {
        send(line + "; /system identity get name");
        String expected = line.startsWith("/system identity set name=") ? line.substring(line.indexOf('=') + 1) : IDENTITY;
        awaitExact(expected, 120);
    }

    /** The number a {@code get} prints, e.g. {@code /ip mac-server get bench packets}. */
    long number(String getCommand) throws IOException, InterruptedException {
        send(getCommand);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String l = next(deadline, getCommand);
            if (l.strip().matches("\\d+")) {
                return Long.parseLong(l.strip());
            }
        }
    }

    /** Frames the server's policy has decided so far: allowed ({@code packets}) plus dropped. */
    long decisions() throws IOException, InterruptedException {
        return number("/ip mac-server get " + SERVER + " packets") + number("/ip mac-server get " + SERVER + " drops");
    }

    private void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private void await(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!next(deadline, text).contains(text)) {
            // skip
        }
    }

    private void awaitExact(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!next(deadline, text).strip().equals(text)) {
            // skip
        }
    }

    private String next(long deadline, String waitingFor) throws InterruptedException {
        String l = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (l == null) {
            throw new IllegalStateException("firmware console: no '" + waitingFor + "' in time"
                    + (process.isAlive() ? "" : " (firmware exited " + process.exitValue() + ")"));
        }
        return l;
    }

    @Override
    public String name() {
        return "firmware";
    }

    @Override
    public String mac() {
        return netns.routerMac();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isJvm() {
        return true;
    }

    @Override
    public String prompt() {
        return "> ";
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
