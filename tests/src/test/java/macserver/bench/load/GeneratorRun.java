package macserver.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import macserver.system.peers.Netns;

/** One {@link LoadGenerator} run in the client namespace, and the results it printed. */
final class GeneratorRun {

    private GeneratorRun() {
    }

    /**
     * Runs scenario {@code scenario} against {@code server} with {@code options} (key=value), once
     * the server answers a MAC-Ping, and returns its {@code result} lines by name; fails if it does not end within {@code limitSeconds}.
     */
    static Map<String, String> run(Netns netns, BenchServer server, String scenario, int limitSeconds, String... options)
            throws IOException, InterruptedException {
        if (!scenario.equals("ready")) {
            Map<String, String> ready = launch(netns, server, "ready", 60, "seconds=45");
            if (!"true".equals(ready.get("ready"))) {
                throw new IllegalStateException(server.name() + " answered no MAC-Ping within 45 s before " + scenario);
            }
        }
        return launch(netns, server, scenario, limitSeconds, options);
    }

    private static Map<String, String> launch(Netns netns, BenchServer server, String scenario, int limitSeconds,
            String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-cp", classPath(), LoadGenerator.class.getName(), netns.clientInterface(),
                server.mac(), scenario, "user=" + server.user(), "password=" + server.password(), "prompt=" + server.prompt()));
        command.addAll(Arrays.asList(options));
        Process p = new ProcessBuilder(netns.inClient(command)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out;
        try {
            out = readWithin(p, limitSeconds);
        } finally {
            p.destroyForcibly();
        }
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("result ")) {
                String[] w = line.split(" ", 3);
                results.put(w[1], w.length > 2 ? w[2] : "");
            }
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("load generator " + scenario + " against " + server.name() + " exited with "
                    + p.exitValue() + "; results so far " + results);
        }
        return results;
    }

    private static byte[] readWithin(Process p, int limitSeconds) throws InterruptedException, IOException {
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            throw new IllegalStateException("load generator did not finish within " + limitSeconds + " s");
        }
        reader.join(5000);
        return out[0] == null ? new byte[0] : out[0];
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * This JVM's class path without the Maven repository's entries when possible: the generator
     * needs the firmware classes and this module's test classes only.
     */
    static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(":"))
                .filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(":"));
    }
}
