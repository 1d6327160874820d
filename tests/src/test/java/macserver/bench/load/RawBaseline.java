package macserver.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import macserver.system.peers.Netns;

/**
 * The C program of tests/src/bench/c/reflector.c, compiled with gcc into the build folder: the
 * reflector (the kernel path's frames-per-second ceiling on this veth) and the blaster that
 * offers the same MAC-Ping load to it and to the firmware.
 */
final class RawBaseline {
    private final Path binary;

    private RawBaseline(Path binary) {
        this.binary = binary;
    }

    /** Compiles it (again if the source is newer). */
    static RawBaseline build() throws IOException, InterruptedException {
        Path repo = FirmwareServer.repository();
        Path source = repo.resolve("tests/src/bench/c/reflector.c");
        Path binary = repo.resolve("tests/target/bench/reflector");
        Files.createDirectories(binary.getParent());
        if (!Files.exists(binary) || Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) < 0) {
            Process gcc;
            try {
                gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", binary.toString(), source.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("the raw-socket baseline needs gcc (apt-get install -y gcc): " + e.getMessage(), e);
            }
            String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (gcc.waitFor() != 0) {
                throw new IllegalStateException("gcc failed on " + source + ":\n" + out);
            }
        }
        return new RawBaseline(binary);
    }

    /**
     * Starts the reflector in the router namespace, sending every frame back or ({@code sendBack}
     * false) only receiving it; {@link #reflected} waits for its count.
     */
    Process startReflector(Netns netns, boolean sendBack) throws IOException {
        return new ProcessBuilder(netns.inRouter(binary.toString(), sendBack ? "reflect" : "count", netns.routerInterface()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    static long reflected(Process reflector) throws IOException, InterruptedException {
        String out = new String(reflector.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        reflector.waitFor(10, TimeUnit.SECONDS);
        if (!out.startsWith("reflected ")) {
            throw new IllegalStateException("reflector said: " + out);
        }
        return Long.parseLong(out.split(" ")[1]);
    }

    /** Blasts MAC-Pings at the router for {@code seconds}; returns {frames sent, send errors, seconds taken}. */
    double[] blast(Netns netns, long allowBase, long denyBase, int macs, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(netns.inClient(binary.toString(), "blast", netns.clientInterface(),
                netns.routerMac().replace(":", ""), Long.toHexString(allowBase), Long.toHexString(denyBase),
                Integer.toString(macs), Integer.toString(seconds))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(seconds + 30L, TimeUnit.SECONDS);
        List<String> w = List.of(out.split(" "));
        if (w.size() != 4 || !w.get(0).equals("sent")) {
            throw new IllegalStateException("blaster said: " + out);
        }
        return new double[] {Double.parseDouble(w.get(1)), Double.parseDouble(w.get(2)), Double.parseDouble(w.get(3))};
    }
}
