package macserver.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import macserver.bench.Figures;
import macserver.config.ConfigModel;
import macserver.config.ConfigStorage;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import macserver.store.FileFlash;
import macserver.store.FlashGeometry;
import macserver.store.StoreOptions;
import macserver.store.StoreStats;
import macserver.system.peers.Netns;

/**
 * What a checkpoint of 1,000,000 bindings costs the traffic of a running router (issue 18): the
 * packaged firmware, in its namespace, holds a million bindings on flash whose log is just short
 * of where the checkpoint thread starts; then, all at once, a MAC-Ping stream and 50 MAC-Telnet
 * logins come from the client namespace while the console commits one binding every few
 * milliseconds, and those commits push the log over the mark. The figures: the longest MAC-Ping
 * round trip (a stalled receive thread shows up there: nothing else answers PINGs), the longest
 * console command, and the longest login. Two runs in one: the background checkpoint, and the
 * same traffic with the log far from any checkpoint (the floor: what this machine's scheduling
 * and the collector give anyway). The firmware writes a GC log on the machine's monotonic clock
 * ({@link GcPauses}), so each round trip and command is also shown less the collector's pauses
 * inside it; the checkpoint inside a commit, as the store wrote it before, is measured in process
 * by {@code CheckpointPauseBenchmark}.
 *
 * <p>Needs root (namespaces, raw sockets). Arguments: [bindings (1,000,000)] [modes (background,none)]. Run by {@code make bench}.
 */
public final class CheckpointTrafficBenchmark {
    private static final long PING_MACS = 0x024c_0600_0000L;
    private static final long LOGIN_MACS = 0x024c_0700_0000L;
    /** The console's own binding adds, one commit each. */
    private static final long PROBE_MACS = 0x024c_0800_0000L;
    private static final long BOUND_MACS = 0x0200_0000_0000L;
    /** PINGs per run: the responder answers 300 per MNDP period, and the readiness check takes a few. */
    private static final int PINGS = 280;
    private static final int PING_GAP_MS = 25;
    private static final int LOGINS = 50;
    private static final int LOGIN_GAP_MS = 100;
    private static final int PROBE_GAP_MS = 5;
    /** Console commits the log is left short of the mark, so the checkpoint starts about a second in. */
    private static final int COMMITS_BEFORE_TRIGGER = 200;
    private static final int FLASH_MIB = 1024;

    private enum Mode {
        BACKGROUND("background"), NONE("none");

        final String key;

        Mode(String key) {
            this.key = key;
        }
    }

    /** One run's longest waits, as measured and less the firmware's GC pauses inside them (ms). */
    record Run(double pingMax, double pingMaxClean, double pingP99, int pingReplies, double consoleMax,
               double consoleMaxClean, double consoleP50, double consoleP99, double loginMax, double loginOk, double gcMax,
               long checkpoints, long background) {
    }

    public static void main(String[] args) throws Exception {
        if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            System.out.println("CheckpointTrafficBenchmark: skipped, it needs root (network namespaces and raw sockets): sudo make bench");
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        // One mode alone (background or none) for a profile of it; the report wants both.
        List<Mode> modes = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).map(k -> Mode.valueOf(k.toUpperCase(java.util.Locale.ROOT))).toList()
                : List.of(Mode.values());
        // The flash files live in memory (tmpfs) where there is one: a sync of this machine's
        // virtual disk took up to 11 ms under load by itself (seen in a JFR recording of the
        // console's commits), which is this machine's disk, not what the firmware makes a command
        // wait for. What a commit may wait for on a real flash, behind the checkpoint's own
        // writes, is bounded by LogStore.SLICE_FLUSH_BYTES.
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "macserver-checkpoint-traffic")
                : Files.createTempDirectory("macserver-checkpoint-traffic");
        try (Netns netns = Netns.create()) {
            Path board = boardFile(dir);
            Path seed = dir.resolve("seed-flash.img");
            int[] ids = populate(seed, count);
            Map<Mode, Run> runs = new java.util.EnumMap<>(Mode.class);
            for (Mode mode : modes) {
                Path flash = dir.resolve(mode.key + "-flash.img");
                copySparse(seed, flash);
                long gap = stuff(flash, ids, mode);
                runs.put(mode, traffic(netns, dir, board, flash, mode, gap));
                Files.deleteIfExists(flash);
            }
            report(count, runs);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The host profile with a flash big enough for a million bindings and two checkpoints of them. */
    private static Path boardFile(Path dir) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(FirmwareServer.repository().resolve("board/host.properties"))) {
            p.load(in);
        }
        p.setProperty("flash.size-mib", Integer.toString(FLASH_MIB));
        Path board = dir.resolve("bench-board.properties");
        try (var out = Files.newOutputStream(board)) {
            p.store(out, "host profile, " + FLASH_MIB + " MiB flash (CheckpointTrafficBenchmark)");
        }
        return board;
    }

    private static FlashGeometry geometry() {
        return new FlashGeometry(2048, 128 * 1024, FLASH_MIB * 8);
    }

    private static ConfigModel model() {
        return new ConfigModel(StandardSchema.create(new LiveStatus()), () -> System.currentTimeMillis() / 1000);
    }

    /** Factory defaults, the benchmark's server as the default one, and {@code count} bindings to it. */
    private static int[] populate(Path image, int count) throws Exception {
        long t0 = System.nanoTime();
        int[] ids = new int[count];
        ConfigModel model = model();
        try (FileFlash flash = FileFlash.open(image, geometry(), true);
             ConfigStorage storage = ConfigStorage.mount(model, flash, StoreOptions.defaults())) {
            FactoryDefaults.apply(model);
            Menu servers = model.schema().menu("ip mac-server");
            Menu bindings = model.schema().menu("ip mac-server binding");
            int server = model.write(Origin.SYSTEM, tx -> tx.add(servers, Map.of(servers.property("name"), FirmwareServer.SERVER,
                    servers.property("max-sessions"), 1000L, servers.property("default"), true)));
            for (int done = 0; done < count; done += 10_000) {
                int from = done;
                model.write(Origin.SYSTEM, tx -> {
                    for (int i = from; i < Math.min(count, from + 10_000); i++) {
                        ids[i] = tx.add(bindings, Map.of(bindings.property("mac-address"), BOUND_MACS | i,
                                bindings.property("server"), server));
                    }
                    return null;
                });
            }
        }
        System.out.printf("CheckpointTrafficBenchmark: %,d bindings written in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
        return ids;
    }

    private static void copySparse(Path from, Path to) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("cp", "--sparse=always", from.toString(), to.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("cp " + from + " " + to + " failed");
        }
    }

    /**
     * Leaves the log just short of where the checkpoint thread starts (half the replay limit, whose
     * live-data bound grows with every put until the next checkpoint, so it is read again as the log
     * grows); the no-checkpoint run is left as populated. Returns the log bytes still to go.
     */
    private static long stuff(Path image, int[] ids, Mode mode) throws Exception {
        ConfigModel model = model();
        try (FileFlash flash = FileFlash.open(image, geometry(), false);
             ConfigStorage storage = ConfigStorage.mount(model, flash, StoreOptions.defaults())) {
            Menu bindings = model.schema().menu("ip mac-server binding");
            // The first commit after populating writes the checkpoint the bulk adds made due; then
            // what one console commit of one binding adds to the log, measured the same way.
            comment(model, bindings, ids, 0, 1, "warm");
            long before = storage.stats().logBytesSinceCheckpoint();
            for (int i = 0; i < 20; i++) {
                comment(model, bindings, ids, i, 1, "probe-" + i);
            }
            long perCommit = Math.max(1, (storage.stats().logBytesSinceCheckpoint() - before) / 20);
            long margin = COMMITS_BEFORE_TRIGGER * perCommit;
            int round = 0;
            while (mode == Mode.BACKGROUND) {
                StoreStats stats = storage.stats();
                long left = mark(stats) - margin - stats.logBytesSinceCheckpoint();
                if (left <= 0) {
                    break;
                }
                int changes = (int) Math.max(1, Math.min(2000, left / perCommit));
                comment(model, bindings, ids, (round++ * 2000) % ids.length, changes, "fill-" + round);
            }
            StoreStats stats = storage.stats();
            System.out.printf("CheckpointTrafficBenchmark %s: log %,d bytes since the checkpoint, live-data bound %,d, "
                    + "checkpoint thread starts past %,d; about %d log bytes per one-binding commit%n", mode.key,
                    stats.logBytesSinceCheckpoint(), stats.liveBytes(), mark(stats), perCommit);
            return mark(stats) - stats.logBytesSinceCheckpoint();
        }
    }

    /** Where the store wants a background checkpoint (LogStore.backgroundWanted, the replay-limit half). */
    private static long mark(StoreStats stats) {
        return Math.max(StoreOptions.defaults().replayLimitBytes(), stats.liveBytes()) / 2;
    }

    private static void comment(ConfigModel model, Menu bindings, int[] ids, int from, int count, String comment)
            throws Exception {
        model.write(Origin.SYSTEM, tx -> {
            for (int i = from; i < Math.min(ids.length, from + count); i++) {
                tx.set(bindings, ids[i], Map.of(bindings.property("comment"), comment));
            }
            return null;
        });
    }

    private static Run traffic(Netns netns, Path dir, Path board, Path flash, Mode mode, long gap) throws Exception {
        Path gcLog = dir.resolve("gc-" + mode.key + ".log");
        try (FirmwareServer fw = FirmwareServer.startPrepared(netns, flash, board, List.of("-Xmx1g", GcPauses.option(gcLog)))) {
            long checkpointsBefore = fw.number("/system store get checkpoints");
            long backgroundBefore = fw.number("/system store get background-checkpoints");
            System.out.printf("CheckpointTrafficBenchmark %s: %,d log bytes to the mark (the firmware's log since its checkpoint: %,d);"
                    + " MAC-Pings, logins and console commits%n", mode.key, gap, fw.number("/system store get log-since-checkpoint"));
            long from = System.nanoTime();
            Path pingStarted = dir.resolve("ping-started-" + mode.key);
            Path loginStarted = dir.resolve("login-started-" + mode.key);
            // A thread each: the common pool runs one task at a time on a 2-core machine, which
            // once ran the logins only after the MAC-Pings had ended.
            var generators = java.util.concurrent.Executors.newFixedThreadPool(2);
            CompletableFuture<Map<String, String>> pings = CompletableFuture.supplyAsync(() -> generate(netns, fw, "ping",
                    "count=" + PINGS, "gap-ms=" + PING_GAP_MS, "intervals=yes", "mac-base=" + String.format("%012x", PING_MACS),
                    "started-file=" + pingStarted), generators);
            CompletableFuture<Map<String, String>> logins = CompletableFuture.supplyAsync(() -> generate(netns, fw, "login",
                    "count=" + LOGINS, "gap-ms=" + LOGIN_GAP_MS, "mac-base=" + String.format("%012x", LOGIN_MACS),
                    "started-file=" + loginStarted), generators);
            generators.shutdown();
            // The console's commits push the log over the mark about a second after they start: only
            // once both generators send (each JVM takes a second or more to get there), so that the
            // checkpoint meets the MAC-Pings and the logins.
            awaitFiles(List.of(pingStarted, loginStarted), pings, logins);
            LatencySamples console = new LatencySamples();
            List<long[]> commands = new ArrayList<>();
            for (long n = 0; !(pings.isDone() && logins.isDone()); n++) {
                long t0 = System.nanoTime();
                fw.command("/ip mac-server binding add mac-address=" + FirmwareServer.colons(PROBE_MACS + n) + " server="
                        + FirmwareServer.SERVER);
                long t1 = System.nanoTime();
                console.add(t1 - t0);
                commands.add(new long[] {t0, t1 - t0});
                Thread.sleep(PROBE_GAP_MS);
            }
            long to = System.nanoTime();
            Map<String, String> ping = pings.join();
            Map<String, String> login = logins.join();
            String trips = ping.remove("ping-intervals");
            System.out.println("  " + ping);
            System.out.println("  " + login);
            // Commits go on until the checkpoint is on flash, to tell whether the traffic covered it.
            long checkpoints = fw.number("/system store get checkpoints") - checkpointsBefore;
            long waitFrom = System.nanoTime();
            for (long n = 0; mode == Mode.BACKGROUND && checkpoints == 0 && System.nanoTime() - waitFrom < 120_000_000_000L; n++) {
                fw.command("/ip mac-server binding add mac-address=" + FirmwareServer.colons(PROBE_MACS + 0x10000 + n) + " server="
                        + FirmwareServer.SERVER);
                if (n % 50 == 0) {
                    checkpoints = fw.number("/system store get checkpoints") - checkpointsBefore;
                }
            }
            System.out.printf("CheckpointTrafficBenchmark %s: traffic for %.1f s, %d console commits; checkpoint done %.1f s after it%n",
                    mode.key, (to - from) / 1e9, commands.size(), (System.nanoTime() - waitFrom) / 1e9);
            long background = fw.number("/system store get background-checkpoints") - backgroundBefore;
            fw.close();
            GcPauses gc = GcPauses.read(gcLog);
            List<long[]> pingTrips = new ArrayList<>();
            for (String trip : trips == null || trips.isEmpty() ? new String[0] : trips.split(",")) {
                String[] w = trip.split(":");
                pingTrips.add(new long[] {Long.parseLong(w[0]), Long.parseLong(w[1])});
            }
            return new Run(longest(pingTrips, null), longest(pingTrips, gc), number(ping, "ping-p99-ms"), pingTrips.size(),
                    longest(commands, null), longest(commands, gc), console.millis(50), console.millis(99), number(login, "login-max-ms"),
                    number(login, "login-logged-in"), gc.longestMillis(from, to), checkpoints, background);
        }
    }

    private static void awaitFiles(List<Path> files, CompletableFuture<?>... generators) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!files.stream().allMatch(Files::exists)) {
            for (CompletableFuture<?> g : generators) {
                if (g.isDone()) {
                    g.join(); // its failure, if it failed
                    throw new IllegalStateException("a load generator ended before the others started");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the load generators did not start within 120 s: " + files);
            }
            Thread.sleep(5);
        }
    }

    /** The longest of {@code [start, length]} samples in ms, less the GC pauses inside each when {@code gc} is given. */
    private static double longest(List<long[]> samples, GcPauses gc) {
        long max = 0;
        for (long[] s : samples) {
            max = Math.max(max, s[1] - (gc == null ? 0 : gc.overlap(s[0], s[0] + s[1])));
        }
        return samples.isEmpty() ? Double.NaN : max / 1e6;
    }

    private static Map<String, String> generate(Netns netns, FirmwareServer fw, String scenario, String... options) {
        try {
            return GeneratorRun.run(netns, fw, scenario, 120, options);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(scenario + ": " + e, e);
        }
    }

    private static double number(Map<String, String> results, String key) {
        String v = results.get(key);
        return v == null || v.equals("NaN") ? Double.NaN : Double.parseDouble(v);
    }

    private static void report(int count, Map<Mode, Run> runs) {
        System.out.println();
        System.out.printf("| figure (%,d bindings, %d MAC-Pings every %d ms, %d logins, a console commit every %d ms) "
                + "| no checkpoint (floor) | background checkpoint | goal |%n", count, PINGS, PING_GAP_MS, LOGINS, PROBE_GAP_MS);
        System.out.println("|---|---|---|---|");
        line("longest MAC-Ping round trip, ms (the receive thread)", runs, Run::pingMax, "");
        line("  the same less the firmware's GC pauses inside it, ms", runs, Run::pingMaxClean, "<= 10 ms");
        line("MAC-Ping round trip p99, ms", runs, Run::pingP99, "");
        line("MAC-Ping replies (of " + PINGS + ")", runs, Run::pingReplies, "");
        line("longest console command (a one-binding commit), ms", runs, Run::consoleMax, "");
        line("  the same less the firmware's GC pauses inside it, ms", runs, Run::consoleMaxClean, "<= 10 ms");
        line("console command p50, ms", runs, Run::consoleP50, "");
        line("console command p99, ms", runs, Run::consoleP99, "");
        line("longest MAC-Telnet login, ms", runs, Run::loginMax, "");
        line("logins that succeeded (of " + LOGINS + ")", runs, Run::loginOk, "");
        line("longest GC pause in the firmware during the run, ms", runs, Run::gcMax, "");
        line("checkpoints during the run", runs, Run::checkpoints, "");
        line("  of them by the checkpoint thread", runs, Run::background, "");
        for (Map.Entry<Mode, Run> e : runs.entrySet()) {
            Run r = e.getValue();
            String k = "checkpoint-traffic." + e.getKey().key;
            Figures.record(k + ".ping-max-ms", r.pingMax());
            Figures.record(k + ".ping-max-clean-ms", r.pingMaxClean());
            Figures.record(k + ".console-max-ms", r.consoleMax());
            Figures.record(k + ".console-max-clean-ms", r.consoleMaxClean());
            Figures.record(k + ".login-max-ms", r.loginMax());
            Figures.record(k + ".gc-max-ms", r.gcMax());
            Figures.record(k + ".checkpoints", r.checkpoints());
            Figures.record(k + ".background-checkpoints", r.background());
        }
    }

    private static void line(String figure, Map<Mode, Run> runs, java.util.function.ToDoubleFunction<Run> f, String goal) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %s |%n", figure, value(runs.get(Mode.NONE), f),
                value(runs.get(Mode.BACKGROUND), f), goal);
    }

    private static double value(Run run, java.util.function.ToDoubleFunction<Run> f) {
        return run == null ? Double.NaN : f.applyAsDouble(run);
    }
}
