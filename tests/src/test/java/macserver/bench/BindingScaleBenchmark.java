package macserver.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import macserver.config.ConfigModel;
import macserver.config.ConfigStorage;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.BindingTable;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import macserver.store.FileFlash;
import macserver.store.FlashGeometry;
import macserver.store.StoreOptions;

/**
 * The configuration model at ISP scale: heap bytes per binding with 1,000,000 bindings, the
 * time to mount them from flash, and a MAC lookup against the same lookup at 1,000 bindings
 * (the baseline, measured in the same run): the id under the model's lock ({@code idOfMac}, the
 * control path) and the data path's lock-free answer ({@code lookup}, what every frame's policy
 * decision asks). BindingLookupBenchmark sets these against what the memory allows. Run with
 * {@code make bench}.
 */
public final class BindingScaleBenchmark {
    private static final int MILLION = 1_000_000;

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : MILLION;
        Path dir = Files.createTempDirectory("binding-scale");
        Path image = dir.resolve("flash.img");
        FlashGeometry geometry = new FlashGeometry(2048, 128 * 1024, 4096); // 512 MiB of emulated NAND
        try {
            long heapBefore = usedHeap();
            ConfigModel model;
            long addNanos;
            try (FileFlash flash = FileFlash.open(image, geometry, false)) {
                model = newModel();
                try (ConfigStorage storage = ConfigStorage.mount(model, flash, StoreOptions.defaults())) {
                    FactoryDefaults.apply(model);
                    Menu servers = model.schema().menu("ip mac-server");
                    Menu bindings = model.schema().menu("ip mac-server binding");
                    int server = model.write(Origin.SYSTEM, tx -> tx.add(servers, Map.of(servers.property("name"), "isp")));
                    long start = System.nanoTime();
                    int batch = 10_000;
                    for (int done = 0; done < count; done += batch) {
                        int from = done;
                        int n = Math.min(batch, count - done);
                        model.write(Origin.SYSTEM, tx -> {
                            for (int i = from; i < from + n; i++) {
                                tx.add(bindings, Map.of(bindings.property("mac-address"), 0x020000000000L | i,
                                        bindings.property("server"), server));
                            }
                            return null;
                        });
                    }
                    addNanos = System.nanoTime() - start;
                    System.out.printf("stats after adds: %s%n", storage.stats());
                }
            }
            long heapWith = usedHeap();
            long perBinding = (heapWith - heapBefore) / count;
            BindingTable table = (BindingTable) model.table(model.schema().menu("ip mac-server binding"));
            double lookupBig = lookupNanos(table, count);
            double dataPathBig = dataPathNanos(table, count);

            ConfigModel small = newModel();
            FactoryDefaults.apply(small);
            Menu sb = small.schema().menu("ip mac-server binding");
            Menu ss = small.schema().menu("ip mac-server");
            int s = small.write(Origin.SYSTEM, tx -> tx.add(ss, Map.of(ss.property("name"), "isp")));
            long heapSmallBefore = usedHeap();
            small.write(Origin.SYSTEM, tx -> {
                for (int i = 0; i < 1000; i++) {
                    tx.add(sb, Map.of(sb.property("mac-address"), 0x020000000000L | i, sb.property("server"), s));
                }
                return null;
            });
            long perBindingSmall = (usedHeap() - heapSmallBefore) / 1000;
            double lookupSmall = lookupNanos((BindingTable) small.table(sb), 1000);
            double dataPathSmall = dataPathNanos((BindingTable) small.table(sb), 1000);

            model = null;
            long mountNanos;
            int mounted;
            try (FileFlash flash = FileFlash.open(image, geometry, false)) {
                ConfigModel again = newModel();
                long start = System.nanoTime();
                try (ConfigStorage storage = ConfigStorage.mount(again, flash, StoreOptions.defaults())) {
                    mountNanos = System.nanoTime() - start;
                    mounted = again.read(() -> again.table(again.schema().menu("ip mac-server binding")).size());
                }
            }
            System.out.println();
            System.out.println("| figure (" + count + " bindings) | value |");
            System.out.println("|---|---|");
            System.out.printf("| heap per binding | %d bytes |%n", perBinding);
            System.out.printf("| adds in 10,000-binding transactions | %.0f bindings/s |%n", count / (addNanos / 1e9));
            System.out.printf("| mount (rebuild model from flash) | %.0f ms (%d bindings back) |%n", mountNanos / 1e6, mounted);
            System.out.printf("| MAC lookup, %d bindings | %.1f ns |%n", count, lookupBig);
            System.out.printf("| MAC lookup, 1,000 bindings (baseline) | %.1f ns |%n", lookupSmall);
            System.out.printf("| lookup ratio big/baseline | %.2f |%n", lookupBig / lookupSmall);
            System.out.printf("| data path lookup (seqlock, id + server + flags), %d bindings | %.1f ns |%n", count,
                    dataPathBig);
            System.out.printf("| data path lookup, 1,000 bindings (baseline) | %.1f ns |%n", dataPathSmall);
            System.out.printf("| data path lookup ratio big/baseline | %.2f |%n", dataPathBig / dataPathSmall);
            System.out.printf("| heap per binding, 1,000 bindings | %d bytes |%n", perBindingSmall);
            Figures.record("binding.heap-bytes.big", perBinding);
            Figures.record("binding.heap-bytes.1k", perBindingSmall);
            Figures.record("binding.count.big", count);
            Figures.record("binding.lookup-ns.big", lookupBig);
            Figures.record("binding.lookup-ns.1k", lookupSmall);
            Figures.record("binding.datapath-lookup-ns.big", dataPathBig);
            Figures.record("binding.datapath-lookup-ns.1k", dataPathSmall);
            Figures.record("binding.adds-per-s.big", count / (addNanos / 1e9));
            Figures.record("binding.mount-ms.big", mountNanos / 1e6);
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(dir);
        }
    }

    private static ConfigModel newModel() {
        return new ConfigModel(StandardSchema.create(new LiveStatus()), () -> System.currentTimeMillis() / 1000);
    }

    private static double lookupNanos(BindingTable table, int count) {
        long sink = 0;
        int rounds = 20_000_000;
        long seed = 12345;
        for (int warm = 0; warm < 2; warm++) {
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                long mac = 0x020000000000L | ((seed >>> 33) % count);
                sink += table.idOfMac(mac);
            }
            if (warm == 1) {
                if (sink == 42) {
                    System.out.println();
                }
                return (System.nanoTime() - start) / (double) rounds;
            }
        }
        return 0;
    }

    /**
     * The same random members through the data path's {@code lookup}, timed over the second half
     * (the first warms the JIT up). A loop of its own, so that neither call's profile slows the other.
     */
    private static double dataPathNanos(BindingTable table, int count) {
        int rounds = 20_000_000;
        long seed = 12345;
        long sink = 0;
        long start = 0;
        for (int i = -rounds; i < rounds; i++) {
            if (i == 0) {
                start = System.nanoTime();
            }
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            sink += table.lookup(0x020000000000L | ((seed >>> 33) % count));
        }
        double nanos = (System.nanoTime() - start) / (double) rounds;
        return sink == 42 ? nanos + 1e-9 : nanos;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
