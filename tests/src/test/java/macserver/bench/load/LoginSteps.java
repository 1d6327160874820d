package macserver.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import macserver.system.peers.Netns;

/**
 * Only the login rows of {@link LoadBenchmark}, several rounds of them, with each step's time:
 * for working on the login without the whole side-by-side run (which takes many minutes). The
 * firmware and mactelnetd get the same rounds in turn, so a drift of the shared machine's load
 * weighs on both. Needs root.
 *
 * <p>Arguments: [servers (firmware,mactelnetd)] [rounds (3)] [logins per round (100)] [gap ms (30)].
 * A profile of the firmware while it runs: {@code -Dmacserver.bench.firmware-options=...} (see
 * {@link FirmwareServer}).
 */
public final class LoginSteps {
    private static final String[] KEYS = {"login-p50-ms", "login-p99-ms", "login-max-ms", "login-start-p50-ms",
        "login-salt-p50-ms", "login-auth-p50-ms", "login-auth-p99-ms", "login-prompt-p50-ms", "login-prompt-p99-ms",
        "login-prompt-packets-p50", "login-logged-in"};

    private LoginSteps() {
    }

    public static void main(String[] args) throws Exception {
        List<String> servers = List.of((args.length > 0 ? args[0] : "firmware,mactelnetd").split(","));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int gap = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        Path dir = Files.createTempDirectory("macserver-login");
        try (Netns netns = Netns.create()) {
            if (servers.contains("firmware")) {
                List<String> bindings = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    bindings.add(hex(base(r)) + ":" + count);
                }
                try (FirmwareServer fw = FirmwareServer.start(netns, dir, 0, bindings)) {
                    rounds(netns, fw, rounds, count, gap);
                }
            }
            if (servers.contains("mactelnetd")) {
                try (MactelnetdServer ref = MactelnetdServer.start(netns)) {
                    rounds(netns, ref, rounds, count, gap);
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

    /** Each round's MACs and session keys differ (mactelnetd 0.4.4 ignores starts under keys it has seen). */
    private static long base(int round) {
        return LoadBenchmark.LOGIN_MACS + ((long) round << 24) + 0x10_0000_0000L;
    }

    private static void rounds(Netns netns, BenchServer s, int rounds, int count, int gap) throws Exception {
        for (int r = 0; r < rounds; r++) {
            Map<String, String> res = GeneratorRun.run(netns, s, "login", 300, "count=" + count, "gap-ms=" + gap,
                    "mac-base=" + hex(base(r)));
            StringBuilder line = new StringBuilder(s.name() + " round " + r + ":");
            for (String k : KEYS) {
                line.append(' ').append(k.replace("login-", "").replace("-ms", "")).append('=').append(res.get(k));
            }
            System.out.println(line);
            if (res.containsKey("login-last-failure")) {
                System.out.println("  last failure: " + res.get("login-last-failure"));
            }
        }
    }

    private static String hex(long mac) {
        return String.format("%012x", mac);
    }
}
