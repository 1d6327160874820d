package macserver.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import macserver.bench.Figures;
import macserver.system.peers.ClientVersion;
import macserver.system.peers.EcSrp5ReferenceServer;
import macserver.system.peers.MacTelnetClient;
import macserver.system.peers.Netns;

/**
 * EC-SRP5 MAC-Telnet login latency with the real client: Debian 13's {@code mactelnet} 0.6.1
 * (EC-SRP5 by default) logs in {@code logins} times, one after another, to the firmware and then,
 * in the same run and namespace pair, to Debian 13's {@code mactelnetd} 0.6.1. Each login is timed
 * from just before the client process is spawned (expect, {@code ip netns exec}, trixie's loader)
 * to its terminal showing the server's prompt; the same client does both sides, so its own start
 * cost is in both figures. Each session then logs out politely before the next starts.
 *
 * <p>The 0.6.1 client seeds its session key with the time in seconds, so logins start at most one
 * per second ({@link MacTelnetClient}); the first {@value #WARM_UP} on each side are not counted
 * (they pay for the first spawn of the client's files and for the firmware's JIT alike).
 *
 * <p>Needs root and the trixie peers (tests/fetch-trixie-mactelnet.sh); skips with a message
 * otherwise. Argument: logins per server (default 50). Records {@code ecsrp5.<server>.login-p50-ms},
 * {@code -p99-ms} and {@code .login-ok}.
 */
public final class EcSrp5LoginBenchmark {
    private static final int WARM_UP = 3;
    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final Pattern FIRMWARE_PROMPT = Pattern.compile("\\[[^\\]\\n]+@" + FirmwareServer.IDENTITY + "\\] > ");

    private EcSrp5LoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            System.out.println("EcSrp5LoginBenchmark: skipped, it needs root (network namespaces): sudo make bench");
            return;
        }
        if (!EcSrp5ReferenceServer.isInstalled()) {
            System.out.println("EcSrp5LoginBenchmark: skipped, mactelnet 0.6.1 and mactelnetd 0.6.1 (Debian 13) are missing: "
                    + "run tests/fetch-trixie-mactelnet.sh");
            return;
        }
        int logins = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path dir = Files.createTempDirectory("macserver-ecsrp5");
        try (Netns netns = Netns.create()) {
            System.out.println("EcSrp5LoginBenchmark: " + netns + ", " + logins + " logins per server");
            String clientMac = netns.clientMac().replace(":", "");
            try (FirmwareServer fw = FirmwareServer.start(netns, dir, 0, List.of(clientMac + ":1"))) {
                measure("firmware", logins, netns, fw.user(), fw.password(), FIRMWARE_PROMPT, "/quit");
            }
            String user = "mtecsrp" + ProcessHandle.current().pid() % 100000;
            try (EcSrp5ReferenceServer ref = EcSrp5ReferenceServer.start(netns, user, "bench-pass")) {
                measure("mactelnetd", logins, netns, ref.user(), ref.password(), MacTelnetClient.SHELL_PROMPT, "exit");
                if (!ref.isAlive()) {
                    System.out.println("EcSrp5LoginBenchmark: mactelnetd 0.6.1 died during the run");
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void measure(String server, int logins, Netns netns, String user, String password, Pattern prompt,
                                String exit) {
        LatencySamples samples = new LatencySamples();
        int ok = 0;
        long lastSecond = -1;
        for (int i = 0; i < WARM_UP + logins; i++) {
            lastSecond = awaitSecondAfter(lastSecond);
            long start = System.nanoTime();
            try (MacTelnetClient client = MacTelnetClient.start(netns, ClientVersion.V0_6_1, netns.routerMac(), user, password)) {
                lastSecond = System.currentTimeMillis() / 1000;
                MacTelnetClient.Outcome outcome = client.login(prompt, LIMIT);
                long took = System.nanoTime() - start;
                if (outcome != MacTelnetClient.Outcome.LOGGED_IN) {
                    System.out.println("EcSrp5LoginBenchmark: " + server + " login " + i + ": " + outcome + "\n" + client.transcript());
                    continue;
                }
                if (i >= WARM_UP) {
                    samples.add(took);
                    ok++;
                }
                client.logout(exit, LIMIT);
            }
        }
        record("ecsrp5." + server + ".login-p50-ms", samples.millis(50));
        record("ecsrp5." + server + ".login-p99-ms", samples.millis(99));
        record("ecsrp5." + server + ".login-ok", ok);
    }

    /**
     * Sleeps into the wall-clock second after {@code second}, so {@link MacTelnetClient#start}
     * does not sleep for its key seeding inside the timed span.
     */
    private static long awaitSecondAfter(long second) {
        long now = System.currentTimeMillis();
        if (second >= 0 && now / 1000 <= second) {
            try {
                Thread.sleep((second + 1) * 1000 - now + 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return second;
    }

    private static void record(String name, double value) {
        System.out.printf(Locale.ROOT, "  %-40s %,.3f%n", name, value);
        Figures.record(name, value);
    }
}
