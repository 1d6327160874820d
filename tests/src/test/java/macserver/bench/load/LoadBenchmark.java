package macserver.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import macserver.bench.Figures;
import macserver.system.peers.Netns;

/**
 * Issue 9's side-by-side run: the load generator against this firmware and against mactelnetd
 * 0.4.4 in the same namespace layout (logins, MAC-Pings, busy sessions, held sessions and their
 * memory, a flood of spoofed session starts), the data path's decisions per second against the
 * C reflector, and start-up time with and without an AOT cache. Needs root; records its
 * figures for the summary table ({@link Figures}). Run by {@code make bench}.
 *
 * <p>Arguments: [sessions mactelnetd holds (1000)] [busy sessions (100)] [flood frames/s (50000)]
 * [parts to run (reflector,firmware,mactelnetd,startup; also vms)] [sessions the firmware holds
 * (10000): issue 19's goal for the host profile; mactelnetd forks a shell per session, which would
 * take the shared machine's memory at that count].
 *
 * <p>The part {@code vms}, not run by default, measures the data path with the firmware on two
 * VM variants in the same run: {@code -Dmacserver.bench.minimal-java=<java>} (our minimal VM, see
 * image/README.md; or {@code -Dmacserver.bench.other-vm=zero -Dmacserver.bench.zero-java=<java>},
 * the interpreter the hEX runs) against {@code -Dmacserver.bench.server-java=<java>} (default:
 * this JVM).
 *
 * <p>{@code -Dmacserver.bench.extra-bindings=N} gives the firmware N more bindings, of MACs no
 * scenario uses: its memory with a large binding table (issue 14's RB5009 figure: 1,000 sessions
 * beside 100,000 bindings; the host profile's JVM options are the RB5009's).
 */
public final class LoadBenchmark {
    static final long PING_MACS = 0x024c_0100_0000L;
    static final long LOGIN_MACS = 0x024c_0200_0000L;
    static final long ECHO_MACS = 0x024c_0300_0000L;
    static final long HOLD_MACS = 0x024c_0400_0000L;
    static final long FLOOD_MACS = 0x024c_0500_0000L;
    static final long ALLOW_MACS = 0x024c_0a00_0000L;
    static final long DENY_MACS = 0x024c_0b00_0000L;
    static final long EXTRA_MACS = 0x024c_0c00_0000L;
    private static final int LOGINS = 100;
    private static final int FLOOD_SECONDS = 10;
    private static final int FLOOD_LEGIT = 25;
    private static final int BLAST_SECONDS = 5;
    private static final int BLAST_MACS = 64;

    private final int held;
    private final int firmwareHeld;
    private final int busy;
    private final int floodRate;

    private LoadBenchmark(int held, int busy, int floodRate, int firmwareHeld) {
        this.held = held;
        this.firmwareHeld = firmwareHeld;
        this.busy = busy;
        this.floodRate = floodRate;
    }

    public static void main(String[] args) throws Exception {
        if (!isRoot()) {
            System.out.println("LoadBenchmark: skipped, it needs root (network namespaces and raw sockets): sudo make bench");
            return;
        }
        LoadBenchmark bench = new LoadBenchmark(args.length > 0 ? Integer.parseInt(args[0]) : 1000,
                args.length > 1 ? Integer.parseInt(args[1]) : 100, args.length > 2 ? Integer.parseInt(args[2]) : 50_000,
                args.length > 4 ? Integer.parseInt(args[4]) : 10_000);
        List<String> parts = List.of((args.length > 3 ? args[3] : "reflector,firmware,mactelnetd,startup").split(","));
        Path dir = Files.createTempDirectory("macserver-load");
        try (Netns netns = Netns.create()) {
            System.out.println("LoadBenchmark: " + netns);
            RawBaseline raw = RawBaseline.build();
            if (parts.contains("reflector") || parts.contains("datapath")) {
                bench.reflector(netns, raw);
            }
            List<String> bindings = List.of(hex(PING_MACS) + ":1", hex(LOGIN_MACS) + ":" + LOGINS, hex(ECHO_MACS) + ":" + bench.busy,
                    hex(HOLD_MACS) + ":" + bench.firmwareHeld, hex(FLOOD_MACS) + ":" + FLOOD_LEGIT,
                    hex(ALLOW_MACS) + ":" + BLAST_MACS + ":allow", hex(DENY_MACS) + ":" + BLAST_MACS + ":deny");
            int extra = Integer.getInteger("macserver.bench.extra-bindings", 0);
            if (extra > 0) {
                bindings = new ArrayList<>(bindings);
                bindings.add(hex(EXTRA_MACS) + ":" + extra);
            }
            if (parts.contains("firmware")) {
                try (FirmwareServer fw = FirmwareServer.start(netns, dir, 0, bindings)) {
                    bench.scenarios(netns, fw);
                    // Last: the blast's allowed PINGs use up the period's PING budget.
                    bench.decisions(netns, fw, raw);
                }
            }
            if (parts.contains("ping") || parts.contains("datapath")) {
                try (FirmwareServer fw = FirmwareServer.start(netns, dir, 0, bindings)) {
                    if (parts.contains("ping")) {
                        bench.ping(netns, fw);
                    }
                    if (parts.contains("datapath")) {
                        bench.decisions(netns, fw, raw);
                    }
                }
            }
            if (parts.contains("ping")) {
                try (MactelnetdServer ref = MactelnetdServer.start(netns)) {
                    bench.ping(netns, ref);
                }
            }
            if (parts.contains("mactelnetd")) {
                try (MactelnetdServer ref = MactelnetdServer.start(netns)) {
                    bench.scenarios(netns, ref);
                }
            }
            if (parts.contains("vms")) {
                bench.vms(netns, dir, raw);
            }
            if (parts.contains("startup")) {
                bench.startup(netns, dir);
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

    private static String hex(long mac) {
        return String.format("%012x", mac);
    }

    private static void record(String name, double value) {
        System.out.printf(Locale.ROOT, "  %-40s %,.3f%n", name, value);
        Figures.record(name, value);
    }

    private static double number(Map<String, String> results, String key) {
        String v = results.get(key);
        return v == null || v.equals("NaN") ? Double.NaN : Double.parseDouble(v);
    }

    private void reflector(Netns netns, RawBaseline raw) throws Exception {
        System.out.println("LoadBenchmark: C reflector, then the same receiving only, " + BLAST_SECONDS
                + " s of MAC-Pings from the C blaster each");
        for (boolean sendBack : new boolean[] {true, false}) {
            Process reflector = raw.startReflector(netns, sendBack);
            Thread.sleep(300);
            double[] cpu0 = ProcessCpu.userAndSystem(reflector.pid());
            double[] blast = raw.blast(netns, ALLOW_MACS, DENY_MACS, BLAST_MACS, BLAST_SECONDS);
            // Still running: it waits 2 s after the last frame before it reports.
            double[] cpu1 = ProcessCpu.userAndSystem(reflector.pid());
            double user = cpu1[0] - cpu0[0];
            double cpu = user + cpu1[1] - cpu0[1];
            long frames = RawBaseline.reflected(reflector);
            String name = sendBack ? "reflector" : "receiver";
            record(name + ".offered-fps", blast[0] / blast[2]);
            record(name + ".fps", frames / blast[2]);
            record(name + ".cpu-us-per-frame", 1e6 * cpu / frames);
            record(name + ".user-cpu-us-per-frame", 1e6 * user / frames);
        }
    }

    private void decisions(Netns netns, FirmwareServer fw, RawBaseline raw) throws Exception {
        System.out.println("LoadBenchmark: firmware data path, the same blast (half allowed, half denied MACs)");
        double[] fps = datapath(netns, fw, raw);
        record("firmware.datapath.offered-fps", fps[0]);
        record("firmware.datapath.fps", fps[1]);
        record("firmware.datapath.cpu-us-per-frame", fps[2]);
        record("firmware.datapath.user-cpu-us-per-frame", fps[3]);
    }

    /**
     * Frames/s offered by the blast and decided by the firmware, and the firmware's CPU time per
     * decided frame (all, and user only, in µs): {offered, decided, cpu, user cpu}.
     */
    private static double[] datapath(Netns netns, FirmwareServer fw, RawBaseline raw) throws Exception {
        // A short warm-up so the receive path is compiled, as the reflector is from the start.
        raw.blast(netns, ALLOW_MACS, DENY_MACS, BLAST_MACS, 2);
        Thread.sleep(1000);
        long before = fw.decisions();
        double[] cpu0 = ProcessCpu.userAndSystem(fw.pid());
        double[] blast = raw.blast(netns, ALLOW_MACS, DENY_MACS, BLAST_MACS, BLAST_SECONDS);
        Thread.sleep(1000);
        double[] cpu1 = ProcessCpu.userAndSystem(fw.pid());
        double user = cpu1[0] - cpu0[0];
        double cpu = user + cpu1[1] - cpu0[1];
        long decided = fw.decisions() - before;
        return new double[] {blast[0] / blast[2], decided / blast[2], 1e6 * cpu / decided, 1e6 * user / decided};
    }

    /**
     * The data path's frames/s on the server VM and on another of our VMs ({@code
     * -Dmacserver.bench.other-vm=minimal}, the default, or {@code zero}; its java from {@code
     * -Dmacserver.bench.<vm>-java}), each firmware started twice in the order server, other,
     * other, server, so a drift of the machine's load over the run weighs on both alike; each VM's
     * figure is the mean of its two runs.
     */
    private void vms(Netns netns, Path dir, RawBaseline raw) throws Exception {
        String name = System.getProperty("macserver.bench.other-vm", "minimal");
        if (!name.matches("minimal|zero")) {
            throw new IllegalArgumentException("macserver.bench.other-vm must be minimal or zero, not " + name);
        }
        String other = System.getProperty("macserver.bench." + name + "-java");
        if (other == null || !Files.isExecutable(Path.of(other))) {
            throw new IllegalArgumentException("the part vms needs -Dmacserver.bench." + name + "-java=<a java of the "
                    + name + " VM>, not " + other);
        }
        String server = System.getProperty("macserver.bench.server-java", GeneratorRun.java());
        List<String> blastBindings = List.of(hex(ALLOW_MACS) + ":" + BLAST_MACS + ":allow", hex(DENY_MACS) + ":" + BLAST_MACS + ":deny");
        double[] sum = new double[2];
        String[][] order = {{"server", server}, {name, other}, {name, other}, {"server", server}};
        for (String[] vm : order) {
            System.out.println("LoadBenchmark: data path on the " + vm[0] + " VM (" + vm[1] + ")");
            // Each firmware starts as new: the last one's flash would ask for a login first.
            Files.deleteIfExists(FirmwareServer.flashImage(dir));
            try (FirmwareServer fw = FirmwareServer.start(vm[1], netns, dir, 0, blastBindings)) {
                double[] fps = datapath(netns, fw, raw);
                System.out.printf(Locale.ROOT, "  offered %,.0f/s, decided %,.0f/s%n", fps[0], fps[1]);
                sum[vm[0].equals("server") ? 0 : 1] += fps[1];
            }
        }
        record("vm.server.datapath.fps", sum[0] / 2);
        record("vm." + name + ".datapath.fps", sum[1] / 2);
    }

    private Map<String, String> generate(Netns netns, BenchServer server, String scenario, int limit, String... options)
            throws Exception {
        System.out.println("LoadBenchmark: " + server.name() + " " + scenario + " " + String.join(" ", options));
        Map<String, String> r = GeneratorRun.run(netns, server, scenario, limit, options);
        System.out.println("  " + r);
        if (!server.isAlive()) {
            System.out.println("LoadBenchmark: " + server.name() + " is no longer running after " + scenario);
        }
        return r;
    }

    private void ping(Netns netns, BenchServer s) throws Exception {
        Map<String, String> ping = generate(netns, s, "ping", 60, "count=100", "gap-ms=10", "mac-base=" + hex(PING_MACS));
        record(s.name() + ".ping.replies", number(ping, "ping-replies"));
        record(s.name() + ".ping.p50-ms", number(ping, "ping-p50-ms"));
    }

    private void scenarios(Netns netns, BenchServer s) throws Exception {
        String n = s.name();
        ping(netns, s);

        Map<String, String> login = generate(netns, s, "login", 300, "count=" + LOGINS, "gap-ms=30", "mac-base=" + hex(LOGIN_MACS));
        record(n + ".login.ok", number(login, "login-logged-in"));
        record(n + ".login.p50-ms", number(login, "login-p50-ms"));
        record(n + ".login.p99-ms", number(login, "login-p99-ms"));

        Map<String, String> echo = generate(netns, s, "echo", 300, "count=" + busy, "seconds=15", "interval-ms=100",
                "mac-base=" + hex(ECHO_MACS));
        record(n + ".echo.sessions", number(echo, "echo-sessions"));
        record(n + ".echo.keystrokes", number(echo, "echo-keystrokes"));
        record(n + ".echo.lost", number(echo, "echo-lost"));
        record(n + ".echo.p50-ms", number(echo, "echo-p50-ms"));
        record(n + ".echo.p99-ms", number(echo, "echo-p99-ms"));

        List<String> marks = new ArrayList<>();
        int held = s.isJvm() ? firmwareHeld : this.held;
        record(n + ".hold.tried", held);
        for (int m : new int[] {held / 10, held / 4, held / 2}) {
            marks.add(Integer.toString(m));
        }
        Map<String, String> hold = generate(netns, s, "hold", 600 + held / 25, "count=" + held, "rate=25",
                "checkpoints=" + String.join(",", marks), "pid=" + s.pid(), "jvm=" + s.isJvm(), "mac-base=" + hex(HOLD_MACS));
        double sessions = number(hold, "hold-" + held + "-sessions");
        record(n + ".hold.sessions", sessions);
        record(n + ".hold.still-alive", number(hold, "hold-still-alive"));
        perSession(n + ".hold.rss-per-session", hold, "rss", sessions);
        perSession(n + ".hold.tree-rss-per-session", hold, "tree-rss", sessions);
        perSession(n + ".hold.tree-pss-per-session", hold, "tree-pss", sessions);
        if (s.isJvm()) {
            perSession(n + ".hold.heap-per-session", hold, "heap", sessions);
        }

        Map<String, String> flood = generate(netns, s, "flood", 120, "rate=" + floodRate, "seconds=" + FLOOD_SECONDS,
                "legit=" + FLOOD_LEGIT, "gap-ms=300", "mac-base=" + hex(FLOOD_MACS));
        double tried = number(flood, "flood-legit-tried");
        record(n + ".flood.rate", number(flood, "flood-rate"));
        record(n + ".flood.legit-tried", tried);
        record(n + ".flood.legit-share", tried > 0 ? number(flood, "flood-legit-logged-in") / tried : Double.NaN);
        record(n + ".survived", s.isAlive() ? 1 : 0);
    }

    /** Bytes per session between no sessions and the last checkpoint. */
    private static void perSession(String name, Map<String, String> hold, String what, double sessions) {
        double zero = number(hold, "hold-0-" + what);
        String last = hold.keySet().stream().filter(k -> k.matches("hold-\\d+-" + what)).reduce((a, b) -> b).orElse(null);
        double with = last == null ? Double.NaN : number(hold, last);
        record(name, sessions > 0 ? (with - zero) / sessions : Double.NaN);
    }

    private void startup(Netns netns, Path dir) throws Exception {
        System.out.println("LoadBenchmark: start-up to a ready console, plain and with an AOT cache (3 runs each, median)");
        StartupTimer timer = new StartupTimer(netns, dir);
        String script = "/ip mac-server print\n/user print\n/ip mac-server binding print\n/system identity print";
        record("startup.plain-ms", median(timer, List.of(), script));
        Path cache = dir.resolve("macserver.aot");
        timer.once(List.of("-XX:AOTCacheOutput=" + cache), script);
        if (!Files.exists(cache)) {
            System.out.println("LoadBenchmark: the training run wrote no AOT cache; no AOT figure");
            return;
        }
        record("startup.aot-ms", median(timer, List.of("-XX:AOTCache=" + cache), script));
        Files.deleteIfExists(cache);
    }

    private static double median(StartupTimer timer, List<String> jvm, String script) throws Exception {
        double[] t = new double[3];
        for (int i = 0; i < t.length; i++) {
            t[i] = timer.once(jvm, script);
        }
        java.util.Arrays.sort(t);
        return t[1];
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (Exception e) {
            return false;
        }
    }
}
