package macserver.system.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged firmware ({@code macserver.jar}) running as a separate process, as on a router. */
public final class FirmwareProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private FirmwareProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar macserver.jar} with the given options; output goes to {@code dir/firmware.log}. */
    public static FirmwareProcess start(Path dir, String... options) throws IOException {
        return start(dir, List.of(), options);
    }

    /** The same with JVM options (e.g. system properties) before {@code -jar}. */
    public static FirmwareProcess start(Path dir, List<String> jvmOptions, String... options) throws IOException {
        String home = System.getProperty("macserver.home");
        if (home == null) {
            throw new IllegalStateException("system property macserver.home is not set (tests/pom.xml sets it)");
        }
        Path jar = Path.of(home, "macserver.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the firmware first (mvn package)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(options));
        Path log = dir.resolve("firmware.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new FirmwareProcess(process, log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the firmware wrote to its standard output and error so far, for failure messages. */
    public String log() {
        String state = process.isAlive() ? "" : "(firmware exited with status " + process.exitValue() + ")\n";
        try {
            return state + Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
