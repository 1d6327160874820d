package macserver.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import macserver.store.FileFlash;
import macserver.store.FlashGeometry;
import macserver.store.LogStore;
import macserver.store.RecordSink;
import macserver.store.testsupport.FakeOwner;
import macserver.store.StoreOptions;
import macserver.store.StoreRecord;
import macserver.store.StoreStats;

/**
 * The store's scale figures (issue 3, section 4) on an emulated NAND file: bulk load of 1,000,000
 * bindings, mount time, durable single-record commits per second with one and with 16 writers,
 * write amplification, and the erase-count spread after rewriting everything many times. A raw
 * sequential page-program rate on the same kind of device is measured first as the baseline.
 *
 * <p>Arguments: [records (1000000)] [rewrite passes (100)] [flash MiB (256)] [dir (/tmp/macserver-bench)].
 */
public final class StoreBenchmark {
    private static final int VALUE_SIZE = 32;
    private final List<String[]> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        long mib = args.length > 2 ? Long.parseLong(args[2]) : 256;
        Path dir = Path.of(args.length > 3 ? args[3] : "/tmp/macserver-bench");
        new StoreBenchmark().run(records, passes, FlashGeometry.nand(mib << 20), dir);
    }

    private static long key(long i) {
        return (1L << 48) | (i * 0x9E3779B97F4A7C15L >>> 16);
    }

    private static byte[] value(long i, int version) {
        byte[] v = new byte[VALUE_SIZE];
        for (int b = 0; b < v.length; b++) {
            v[b] = (byte) (i * 7 + version * 13 + b);
        }
        return v;
    }

    private void row(String figure, String value, String note) {
        rows.add(new String[] {figure, value, note});
        System.out.printf(Locale.ROOT, "  %-46s %16s  %s%n", figure, value, note);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private void run(int records, int passes, FlashGeometry geometry, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("flash.bin");
        Files.deleteIfExists(file);
        System.out.printf(Locale.ROOT, "StoreBenchmark: %,d records of %d-byte values, %d rewrite passes, %s (%d MiB) in %s, %d CPUs%n",
                records, VALUE_SIZE, passes, geometry, geometry.totalBytes() >> 20, file, Runtime.getRuntime().availableProcessors());
        StoreOptions options = StoreOptions.defaults();

        baseline(dir.resolve("baseline.bin"), geometry); // warm-up: JIT and page cache
        double rawPages = baseline(dir.resolve("baseline.bin"), geometry);
        row("baseline: raw page programs/s (2 KiB, 1 thread)", fmt(rawPages), "same FileFlash, no store");
        Figures.record("store.raw-pages-per-s", rawPages);
        Figures.record("store.records", records);

        try (FileFlash flash = FileFlash.open(file, geometry)) {
            FakeOwner owner = new FakeOwner();
            LogStore store = LogStore.mount(flash, options, owner);
            store.setSnapshotSource(owner);
            long t0 = System.nanoTime();
            for (int from = 0; from < records; from += 1000) {
                List<StoreRecord> txn = new ArrayList<>(1000);
                for (int i = from; i < Math.min(records, from + 1000); i++) {
                    txn.add(StoreRecord.put(key(i), value(i, 0)));
                }
                store.awaitDurable(owner.append(store, txn));
            }
            double loadSecs = (System.nanoTime() - t0) / 1e9;
            row("bulk load, transactions of 1,000 (records/s)", fmt(records / loadSecs), String.format(Locale.ROOT, "%.2f s", loadSecs));
            store.close();

            store = mountAndReport("mount after bulk load (log only)", flash, options, records);
            Figures.record("store.mount-ms.log", lastMountMillis);
            owner = lastOwner;
            Random rng = new Random(1);
            int singles = 20_000;
            t0 = System.nanoTime();
            for (int n = 0; n < singles; n++) {
                long i = rng.nextInt(records);
                store.awaitDurable(owner.append(store, List.of(StoreRecord.put(key(i), value(i, 1)))));
            }
            double one = singles / ((System.nanoTime() - t0) / 1e9);
            Figures.record("store.durable-adds-per-s.1", one);
            row("durable single-record adds/s, 1 writer", fmt(one), String.format(Locale.ROOT, "%.2f x raw page rate", one / rawPages));

            double sixteen = concurrent(store, owner, records, 16, 20_000);
            Figures.record("store.durable-adds-per-s.16", sixteen);
            row("durable single-record adds/s, 16 writers", fmt(sixteen),
                    String.format(Locale.ROOT, "%.2f x raw page rate; goal >= 50,000", sixteen / rawPages));

            StoreStats before = store.stats();
            t0 = System.nanoTime();
            for (int pass = 1; pass <= passes; pass++) {
                for (int from = 0; from < records; from += 1000) {
                    List<StoreRecord> txn = new ArrayList<>(1000);
                    for (int i = from; i < Math.min(records, from + 1000); i++) {
                        txn.add(StoreRecord.put(key(i), value(i, pass + 1)));
                    }
                    owner.append(store, txn);
                }
                store.flush();
            }
            double rewriteSecs = (System.nanoTime() - t0) / 1e9;
            StoreStats after = store.stats();
            row("rewrite everything x" + passes + " (records/s)", fmt((double) records * passes / rewriteSecs),
                    String.format(Locale.ROOT, "%.1f s, %d checkpoints", rewriteSecs, after.checkpoints() - before.checkpoints()));
            double wa = (double) (after.bytesProgrammed() - before.bytesProgrammed()) / (after.userBytes() - before.userBytes());
            row("write amplification (rewrite phase)", String.format(Locale.ROOT, "%.2f", wa),
                    "flash bytes programmed / key+value bytes stored");
            row("write amplification (whole run)", String.format(Locale.ROOT, "%.2f", after.writeAmplification()),
                    "includes single-record commits, one page each");
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int b = 0; b < geometry.blockCount(); b++) {
                min = Math.min(min, flash.eraseCount(b));
                max = Math.max(max, flash.eraseCount(b));
            }
            row("erase count min / max (device counters)", min + " / " + max,
                    String.format(Locale.ROOT, "max/min = %.2f; goal <= 2", (double) max / Math.max(1, min)));
            row("erase count min / max (on-flash headers)", after.eraseCountMin() + " / " + after.eraseCountMax(),
                    String.format(Locale.ROOT, "mean %.1f", after.eraseCountMean()));
            store.close();

            mountAndReport("mount after rewrites (checkpoint + log)", flash, options, records).close();
            Figures.record("store.mount-ms.checkpoint", lastMountMillis);
            long[] seen = new long[1];
            long t1 = System.nanoTime();
            LogStore.mount(flash, options, new RecordSink() {
                @Override
                public void put(long key, byte[] value) {
                    seen[0]++;
                }

                @Override
                public void delete(long key) {
                    seen[0]--;
                }
            }).close();
            row("mount, store only (counting sink, no map) (ms)", String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t1) / 1e6),
                    seen[0] + " puts-deletes delivered");
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve("baseline.bin"));
    }

    private FakeOwner lastOwner;
    private double lastMountMillis;

    private LogStore mountAndReport(String figure, FileFlash flash, StoreOptions options, int records) throws IOException {
        FakeOwner owner = new FakeOwner();
        long t0 = System.nanoTime();
        LogStore store = LogStore.mount(flash, options, owner);
        double ms = (System.nanoTime() - t0) / 1e6;
        lastMountMillis = ms;
        if (owner.size() != records) {
            throw new IllegalStateException("mount found " + owner.size() + " records, expected " + records);
        }
        store.setSnapshotSource(owner);
        lastOwner = owner;
        row(figure + " (ms)", String.format(Locale.ROOT, "%.0f", ms), "goal < 1000 ms; " + records + " records verified");
        return store;
    }

    private static double concurrent(LogStore store, FakeOwner owner, int records, int threads, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            done.add(pool.submit(() -> {
                Random rng = new Random(seed);
                for (int n = 0; n < total / threads; n++) {
                    long i = rng.nextInt(records);
                    store.awaitDurable(owner.append(store, List.of(StoreRecord.put(key(i), value(i, 2)))));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double rate = total / ((System.nanoTime() - t0) / 1e9);
        pool.shutdown();
        return rate;
    }

    /** Sequential single-page programs with no store on top: the most one-page commits could ever reach. */
    private static double baseline(Path file, FlashGeometry geometry) throws IOException {
        Files.deleteIfExists(file);
        try (FileFlash flash = FileFlash.open(file, geometry)) {
            byte[] page = new byte[geometry.pageSize()];
            new Random(3).nextBytes(page);
            int blocks = Math.min(geometry.blockCount(), 256);
            long t0 = System.nanoTime();
            long pages = 0;
            for (int b = 0; b < blocks; b++) {
                flash.erase(b);
                for (int p = 0; p < geometry.pagesPerBlock(); p++) {
                    flash.program(geometry.blockOffset(b) + (long) p * geometry.pageSize(), page, 0, page.length);
                    pages++;
                }
            }
            return pages / ((System.nanoTime() - t0) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
