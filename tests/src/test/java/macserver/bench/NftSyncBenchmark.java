package macserver.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import macserver.config.ConfigModel;
import macserver.config.ConfigStorage;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import macserver.nft.NftProgram;
import macserver.nft.NftSync;
import macserver.store.FileFlash;
import macserver.store.FlashGeometry;
import macserver.store.StoreOptions;
import macserver.system.peers.ProcessRun;

/**
 * 100,000 bindings added in one transaction: the time from the commit until the kernel's set
 * holds them all (one nft batch), the time to repair 1,000 elements deleted by hand, and after a
 * restart (the set emptied meanwhile) the time from mounting the flash to a full set again. Uses
 * the real nft in a network namespace of its own; needs root. Run with {@code make bench}.
 */
public final class NftSyncBenchmark {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final FlashGeometry GEOMETRY = new FlashGeometry(2048, 128 * 1024, 1024); // 128 MiB of emulated NAND

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        if (!"0".equals(ProcessRun.check(LIMIT, "id", "-u").strip())) {
            System.out.println("NftSyncBenchmark: needs root (network namespace and nft): skipped");
            return;
        }
        String ns = "nftbench-" + ProcessHandle.current().pid();
        ProcessRun.check(LIMIT, "ip", "netns", "add", ns);
        Path dir = Files.createTempDirectory("nft-bench");
        Path image = dir.resolve("flash.img");
        NftProgram nft = new NftProgram(List.of("ip", "netns", "exec", ns, "nft"));
        try {
            int server;
            try (FileFlash flash = FileFlash.open(image, GEOMETRY, false)) {
                LiveStatus live = new LiveStatus();
                ConfigModel model = newModel(live);
                try (ConfigStorage storage = ConfigStorage.mount(model, flash, StoreOptions.defaults())) {
                    FactoryDefaults.apply(model);
                    server = addAndRepair(model, live, nft, ns, count);
                }
            }
            ProcessRun.check(LIMIT, "ip", "netns", "exec", ns, "nft", "flush", "set", "inet", "macserver", "allowed");
            long start = System.nanoTime();
            try (FileFlash flash = FileFlash.open(image, GEOMETRY, false)) {
                LiveStatus live = new LiveStatus();
                ConfigModel model = newModel(live);
                try (ConfigStorage storage = ConfigStorage.mount(model, flash, StoreOptions.defaults());
                     NftSync sync = new NftSync(model, live, nft)) {
                    long mounted = System.nanoTime();
                    sync.start(3600);
                    awaitStatus(live, server, "in-sync allow=" + count);
                    long full = System.nanoTime();
                    System.out.printf("nft: restart with an emptied set: flash mounted in %d ms, set full again %d ms later"
                            + " (%d ms in all); kernel set holds %,d%n", (mounted - start) / 1_000_000,
                            (full - mounted) / 1_000_000, (full - start) / 1_000_000, elements(ns));
                }
            }
        } finally {
            ProcessRun.run(LIMIT, "ip", "netns", "delete", ns);
            Files.deleteIfExists(image);
            Files.deleteIfExists(dir);
        }
    }

    private static ConfigModel newModel(LiveStatus live) {
        return new ConfigModel(StandardSchema.create(live), () -> System.currentTimeMillis() / 1000);
    }

    /** Adds the bindings in one transaction, times them into the kernel and a hand edit out; returns the server id. */
    private static int addAndRepair(ConfigModel model, LiveStatus live, NftProgram nft, String ns, int count) throws Exception {
        Menu servers = model.schema().menu("ip mac-server");
        Menu bindings = model.schema().menu("ip mac-server binding");
        int server = model.write(Origin.SYSTEM, tx -> tx.add(servers, Map.of(servers.property("name"), "isp",
                servers.property("nft-table"), "macserver", servers.property("nft-allow-set"), "allowed")));
        try (NftSync sync = new NftSync(model, live, nft)) {
            sync.start(3600);
            awaitStatus(live, server, "in-sync allow=0");
            long start = System.nanoTime();
            model.write(Origin.SYSTEM, tx -> {
                for (int i = 0; i < count; i++) {
                    tx.add(bindings, Map.of(bindings.property("mac-address"), 0x020000000000L | i,
                            bindings.property("server"), server));
                }
                return null;
            });
            long committed = System.nanoTime();
            awaitStatus(live, server, "in-sync allow=" + count);
            long inKernel = System.nanoTime();
            int listed = elements(ns);
            System.out.printf("nft: %,d bindings in one transaction: commit %d ms, commit to kernel set %d ms"
                    + " (command to kernel %d ms); kernel set holds %,d%n", count, (committed - start) / 1_000_000,
                    (inKernel - committed) / 1_000_000, (inKernel - start) / 1_000_000, listed);
            ProcessRun.check(LIMIT, "sh", "-c", "ip netns exec " + ns + " nft list set inet macserver allowed"
                    + " | grep -o '02:00:00:00:[0-9a-f:]*' | head -1000 | paste -sd, "
                    + "| sed 's/^/delete element inet macserver allowed { /; s/$/ }/' | ip netns exec " + ns + " nft -f -");
            int afterHand = elements(ns);
            long repairStart = System.nanoTime();
            int repaired = sync.sync();
            long repairEnd = System.nanoTime();
            System.out.printf("nft: hand edit left %,d; sync repaired %,d elements in %d ms (read set, diff, one batch); now %,d%n",
                    afterHand, repaired, (repairEnd - repairStart) / 1_000_000, elements(ns));
        }
        return server;
    }

    private static int elements(String ns) {
        String listing = ProcessRun.check(LIMIT, "ip", "netns", "exec", ns, "nft", "list", "set", "inet", "macserver", "allowed");
        return (int) java.util.regex.Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}").matcher(listing).results().count();
    }

    private static void awaitStatus(LiveStatus live, int server, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!live.nft().status(server).startsWith(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nft-status is " + live.nft().status(server) + ", not " + wanted);
            }
            Thread.sleep(1);
        }
    }
}
