package macserver.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * What a checkpoint of 1,000,000 bindings costs everyone else. Bulk binding changes (5,000 per
 * transaction) fill the log until checkpoints are written, while two probes run beside them: a
 * reader that takes the model's read lock every millisecond (what MNDP, prints and the REST reads
 * wait on) and a console command that changes the identity every 10 ms (the wait for the model's
 * write lock, before its own flush). Both report their longest wait. Two baselines, in the same
 * run: the same load with no checkpoint at all (the floor: the load's own transactions, garbage
 * collection, scheduling), and the store writing each checkpoint inside the commit that fills the
 * log (as before the checkpoint thread). The goal for the background checkpointer is 10 ms at
 * most for both probes. Garbage collection pauses stop every thread whatever the store does (G1
 * with a million rows in the heap pauses for up to ~100 ms on this machine), so the table shows
 * each wait less the collectors' time during it, and beside it the longest wait of all.
 * Run with {@code make bench}.
 */
public final class CheckpointPauseBenchmark {
    private static final int BATCH = 200;

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int checkpoints = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Result inCommit = run(count, checkpoints, Mode.IN_COMMIT, 0);
        Result background = run(count, checkpoints, Mode.BACKGROUND, 0);
        Result none = run(count, 0, Mode.NONE, background.rounds);
        System.out.println();
        System.out.println("| figure (" + count + " bindings) | no checkpoint (floor) | inside commits (baseline) | background | goal |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf("| longest wait for the read lock, less GC time | %.1f ms | %.1f ms | %.1f ms | <= 10 ms |%n",
                none.reader.clean(), inCommit.reader.clean(), background.reader.clean());
        System.out.printf("| longest wait for the write lock (console command), less GC time | %.1f ms | %.1f ms | %.1f ms | <= 10 ms |%n",
                none.command.clean(), inCommit.command.clean(), background.command.clean());
        System.out.printf("| the same, all samples (GC time included): read / write lock | %.1f / %.1f ms | %.1f / %.1f ms | %.1f / %.1f ms | |%n",
                none.reader.all(), none.command.all(), inCommit.reader.all(), inCommit.command.all(),
                background.reader.all(), background.command.all());
        System.out.printf("| checkpoints written (%d-change transactions) | %d in %d rounds | %d in %d rounds | %d (%d in the background) in %d rounds | |%n",
                BATCH, none.checkpoints, none.rounds, inCommit.checkpoints, inCommit.rounds, background.checkpoints,
                background.backgroundCheckpoints, background.rounds);
        Figures.record("checkpoint.reader-pause-ms.none", none.reader.clean());
        Figures.record("checkpoint.command-pause-ms.none", none.command.clean());
        Figures.record("checkpoint.reader-pause-ms.in-commit", inCommit.reader.clean());
        Figures.record("checkpoint.reader-pause-ms.background", background.reader.clean());
        Figures.record("checkpoint.command-pause-ms.in-commit", inCommit.command.clean());
        Figures.record("checkpoint.command-pause-ms.background", background.command.clean());
    }

    record Result(Waits reader, Waits command, long checkpoints, long backgroundCheckpoints, int rounds) {
    }

    /** The longest waits of one probe: as measured, and less the time collectors took during each. */
    static final class Waits {
        private final AtomicLong all = new AtomicLong();
        private final AtomicLong clean = new AtomicLong();

        void add(long nanos, long gcMillis) {
            all.accumulateAndGet(nanos, Math::max);
            clean.accumulateAndGet(Math.max(0, nanos - gcMillis * 1_000_000), Math::max);
        }

        double all() {
            return all.get() / 1e6;
        }

        double clean() {
            return clean.get() / 1e6;
        }
    }

    /** Milliseconds the collectors have taken so far. */
    private static long collections() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private enum Mode { NONE, IN_COMMIT, BACKGROUND }

    private static Result run(int count, int wanted, Mode mode, int fixedRounds) throws Exception {
        boolean background = mode == Mode.BACKGROUND;
        // With no checkpoint wanted, a replay limit far beyond what the rounds write keeps them away.
        StoreOptions options = mode == Mode.NONE ? StoreOptions.defaults().withReplayLimitBytes(1L << 40) : StoreOptions.defaults();
        Path dir = Files.createTempDirectory("checkpoint-pause");
        Path image = dir.resolve("flash.img");
        FlashGeometry geometry = new FlashGeometry(2048, 128 * 1024, 4096); // 512 MiB of emulated NAND
        try (FileFlash flash = FileFlash.open(image, geometry, false)) {
            ConfigModel model = new ConfigModel(StandardSchema.create(new LiveStatus()), () -> System.currentTimeMillis() / 1000);
            try (ConfigStorage storage = ConfigStorage.mount(model, flash, options)) {
                FactoryDefaults.apply(model);
                Menu servers = model.schema().menu("ip mac-server");
                Menu bindings = model.schema().menu("ip mac-server binding");
                Menu identity = model.schema().menu("system identity");
                int server = model.write(Origin.SYSTEM, tx -> tx.add(servers, Map.of(servers.property("name"), "isp")));
                int[] ids = new int[count];
                for (int done = 0; done < count; done += 10_000) {
                    int from = done;
                    model.write(Origin.SYSTEM, tx -> {
                        for (int i = from; i < Math.min(count, from + 10_000); i++) {
                            ids[i] = tx.add(bindings, Map.of(bindings.property("mac-address"), 0x020000000000L | i,
                                    bindings.property("server"), server));
                        }
                        return null;
                    });
                }
                if (background) {
                    storage.checkpointInBackground();
                }
                long before = storage.stats().checkpoints();
                AtomicBoolean done = new AtomicBoolean();
                Waits readerWaits = new Waits();
                Waits commandWaits = new Waits();
                Thread reader = Thread.ofPlatform().name("probe-reader").start(() -> {
                    while (!done.get()) {
                        long gc = collections();
                        long t0 = System.nanoTime();
                        model.read(() -> null);
                        readerWaits.add(System.nanoTime() - t0, collections() - gc);
                        sleepMillis(1);
                    }
                });
                Thread command = Thread.ofPlatform().name("probe-command").start(() -> {
                    int n = 0;
                    while (!done.get()) {
                        String name = "edge-" + (n++ % 10);
                        long gc = collections();
                        long t0 = System.nanoTime();
                        try {
                            model.write(Origin.SYSTEM, tx -> {
                                commandWaits.add(System.nanoTime() - t0, collections() - gc);
                                tx.set(identity, 1, Map.of(identity.property("name"), name));
                                return null;
                            });
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        sleepMillis(10);
                    }
                });
                int round = 0;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while ((mode == Mode.NONE ? round < fixedRounds : storage.stats().checkpoints() - before < wanted)
                        && System.nanoTime() < deadline) {
                    int from = (round++ * BATCH) % count;
                    String comment = "r" + round;
                    model.write(Origin.SYSTEM, tx -> {
                        for (int i = from; i < Math.min(count, from + BATCH); i++) {
                            tx.set(bindings, ids[i], Map.of(bindings.property("comment"), comment));
                        }
                        return null;
                    });
                }
                done.set(true);
                reader.join();
                command.join();
                var stats = storage.stats();
                System.out.printf("%s: %d checkpoints, %d rounds of %d changes%n", mode, stats.checkpoints() - before,
                        round, BATCH);
                return new Result(readerWaits, commandWaits, stats.checkpoints() - before,
                        stats.backgroundCheckpoints(), round);
            }
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(dir);
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
