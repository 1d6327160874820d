package macserver.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import macserver.system.peers.Netns;

/**
 * Process start to a ready console of the packaged firmware (its answer to a first command typed
 * at once, {@code /system identity print}: the stdio console prints the prompt with the line it
 * has read, so the answer is the first sign that it serves), in the router namespace, on a fresh
 * flash image each time: plain, and with an AOT
 * cache (JDK 25: one training run with {@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}).
 */
final class StartupTimer {
    private static final String FIRST_COMMAND = "/system identity print\n";
    private static final byte[] ANSWER = "name: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Netns netns;
    private final Path dir;
    private int runs;

    StartupTimer(Netns netns, Path dir) {
        this.netns = netns;
        this.dir = dir;
    }

    /** Milliseconds to the prompt; {@code extraJvm} options before -jar; the console then does {@code script} and ends. */
    double once(List<String> extraJvm, String script) throws IOException, InterruptedException {
        Path flash = dir.resolve("startup-" + (++runs) + ".img");
        List<String> command = new ArrayList<>(List.of(GeneratorRun.java(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(FirmwareServer.boardJvmOptions());
        command.addAll(extraJvm);
        command.addAll(List.of("-jar", FirmwareServer.jar().toString(), "--board=host", "--console=stdio",
                "--flash=" + flash, "--interfaces=" + netns.routerInterface(), "--rest-listen=127.0.0.1",
                "--rest-port-shift=" + (20_000 + runs)));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(netns.inRouter(command)).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write(FIRST_COMMAND.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            if (!awaitAnswer(p.getInputStream())) {
                throw new IllegalStateException("no console answer from the firmware" + (p.isAlive() ? "" : ", exit " + p.exitValue()));
            }
            double millis = (System.nanoTime() - start) / 1e6;
            p.getOutputStream().write((script + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            p.getOutputStream().close();
            Thread drain = Thread.ofPlatform().daemon().start(() -> {
                try {
                    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the process is gone
                }
            });
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the firmware did not end at the end of its console input");
            }
            drain.join(2000);
            return millis;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(flash);
        }
    }

    /** Reads until the first command's answer; false at end of output. */
    private static boolean awaitAnswer(InputStream in) throws IOException {
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            matched = b == ANSWER[matched] ? matched + 1 : (b == ANSWER[0] ? 1 : 0);
            if (matched == ANSWER.length) {
                return true;
            }
        }
        return false;
    }
}
