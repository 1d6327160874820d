package macserver.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static macserver.store.testsupport.FlashSearch.find;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import macserver.store.testsupport.FakeOwner;
import org.junit.jupiter.api.Test;

class LogStoreTest {
    private static final FlashGeometry SMALL = new FlashGeometry(256, 4096, 24);
    private static final StoreOptions OPTIONS = StoreOptions.defaults().withMaxValueSize(200);

    private static byte[] value(int n, int size) {
        byte[] v = new byte[size];
        for (int i = 0; i < size; i++) {
            v[i] = (byte) (n * 31 + i);
        }
        return v;
    }

    /** Mounts with the owner as both the replay sink and the snapshot source, as the firmware does. */
    private static LogStore open(FlashDevice dev, FakeOwner owner) throws IOException {
        return open(dev, OPTIONS, owner);
    }

    private static LogStore open(FlashDevice dev, StoreOptions options, FakeOwner owner) throws IOException {
        LogStore store = LogStore.mount(dev, options, owner);
        store.setSnapshotSource(owner);
        return store;
    }

    private static Map<Long, byte[]> remount(FlashDevice dev) throws IOException {
        FakeOwner owner = new FakeOwner();
        LogStore.mount(dev, OPTIONS, owner).close();
        return owner.copy();
    }

    @Test
    void blankFlashMountsEmptyAndChangesSurviveRemount() throws IOException {
        RamFlash ram = new RamFlash(SMALL);
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(ram, OPTIONS, owner);
        assertTrue(owner.copy().isEmpty());
        store.setSnapshotSource(owner);
        owner.commit(store, List.of(StoreRecord.put(1, value(1, 20)), StoreRecord.put(2, value(2, 30))));
        owner.commit(store, List.of(StoreRecord.delete(1), StoreRecord.put(3, value(3, 5))));
        store.close();

        Map<Long, byte[]> found = remount(ram);
        assertEquals(List.of(2L, 3L), List.copyOf(found.keySet()));
        assertArrayEquals(value(2, 30), found.get(2L));
    }

    @Test
    void bigRemovalIsAllOrNothingAtEveryCutPoint() throws IOException {
        FlashGeometry g = new FlashGeometry(2048, 128 * 1024, 32);
        List<StoreRecord> adds = new ArrayList<>();
        List<StoreRecord> removes = new ArrayList<>();
        for (long mac = 0; mac < 10_000; mac++) {
            adds.add(StoreRecord.put(mac, value((int) mac, 24)));
            removes.add(StoreRecord.delete(mac));
        }
        long before;
        long total;
        {
            FaultyFlash probe = FaultyFlash.neverCut(new RamFlash(g));
            FakeOwner owner = new FakeOwner();
            LogStore store = LogStore.mount(probe, OPTIONS, owner);
            owner.commit(store, adds);
            before = probe.operations();
            owner.commit(store, removes);
            total = probe.operations();
        }
        assertTrue(total - before > 2, "the removal should take several programs");
        for (long cut = before + 1; cut <= total; cut++) {
            RamFlash ram = new RamFlash(g);
            FaultyFlash faulty = new FaultyFlash(ram, cut, FaultyFlash.Tear.GARBAGE_REST, cut);
            FakeOwner owner = new FakeOwner();
            LogStore store = LogStore.mount(faulty, OPTIONS, owner);
            owner.commit(store, adds);
            assertThrows(IOException.class, () -> owner.commit(store, removes));
            int left = remount(ram).size();
            assertTrue(left == 10_000 || left == 0, "cut at " + cut + " left " + left + " of 10000 bindings");
        }
    }

    @Test
    void transactionsAppendedTogetherShareOneFlush() throws IOException {
        FaultyFlash dev = FaultyFlash.neverCut(new RamFlash(SMALL));
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(dev, OPTIONS, owner);
        owner.commit(store, List.of(StoreRecord.put(0, value(0, 10))));
        long opsBefore = dev.operations();
        long first = owner.append(store, List.of(StoreRecord.put(1, value(1, 10))));
        long second = owner.append(store, List.of(StoreRecord.put(2, value(2, 10))));
        long third = owner.append(store, List.of(StoreRecord.put(3, value(3, 10))));
        store.awaitDurable(third);
        assertEquals(1, dev.operations() - opsBefore, "three small transactions should need one page program");
        store.awaitDurable(first);
        store.awaitDurable(second);
        assertEquals(4, remount(dev).size());
    }

    @Test
    void concurrentWritersAllBecomeDurable() throws Exception {
        RamFlash ram = new RamFlash(new FlashGeometry(2048, 128 * 1024, 64));
        FakeOwner owner = new FakeOwner();
        LogStore store = open(ram, owner);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    owner.commit(store, List.of(StoreRecord.put(thread * 1000L + i, value(i, 30))));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        store.close();
        assertTrue(FakeOwner.same(owner.copy(), remount(ram)));
        assertEquals(2400, owner.copy().size());
    }

    @Test
    void rewritingSameKeysReclaimsSpaceAndKeepsWearEven() throws IOException {
        RamFlash ram = new RamFlash(SMALL);
        FakeOwner owner = new FakeOwner();
        LogStore store = open(ram, owner);
        for (int round = 0; round < 3000; round++) {
            owner.commit(store, List.of(StoreRecord.put(round % 40, value(round, 60))));
        }
        StoreStats stats = store.stats();
        store.close();
        assertTrue(stats.checkpoints() > 5, "checkpoints: " + stats.checkpoints());
        assertTrue(stats.eraseCountMax() <= 2 * stats.eraseCountMin(), "erase counts " + stats);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int b = 0; b < SMALL.blockCount(); b++) {
            min = Math.min(min, ram.eraseCount(b));
            max = Math.max(max, ram.eraseCount(b));
        }
        assertTrue(max <= 2 * min, "device erase counts " + min + ".." + max);
        assertTrue(FakeOwner.same(owner.copy(), remount(ram)));
    }

    @Test
    void fullFlashRefusesWithClearErrorKeepsDataAndRecoversAfterRemovals() throws IOException {
        RamFlash ram = new RamFlash(SMALL);
        FakeOwner owner = new FakeOwner();
        LogStore store = open(ram, owner);
        long key = 0;
        StoreFullException full = null;
        while (full == null) {
            try {
                owner.commit(store, List.of(StoreRecord.put(key, value((int) key, 200))));
                key++;
            } catch (StoreFullException e) {
                full = e;
            }
        }
        assertEquals("not enough space on flash", full.getMessage());
        assertTrue(key > 50, "only " + key + " records fitted");
        Map<Long, byte[]> stored = owner.copy();
        assertFalse(stored.containsKey(key), "the refused record must not be applied");
        assertTrue(FakeOwner.same(stored, remount(ram)), "nothing stored may be lost when full");

        for (long k = 0; k < 20; k++) {
            owner.commit(store, List.of(StoreRecord.delete(k)));
        }
        owner.commit(store, List.of(StoreRecord.put(key, value((int) key, 200))));
        store.close();
        assertTrue(FakeOwner.same(owner.copy(), remount(ram)));
    }

    @Test
    void wipeErasesEverythingButKeepsEraseCounts() throws IOException {
        RamFlash ram = new RamFlash(SMALL);
        FakeOwner owner = new FakeOwner();
        LogStore store = open(ram, owner);
        for (int i = 0; i < 800; i++) {
            owner.commit(store, List.of(StoreRecord.put(i % 30, value(i, 100))));
        }
        long minBefore = store.stats().eraseCountMin();
        assertTrue(minBefore > 0);
        store.wipe();
        store.close();

        FakeOwner after = new FakeOwner();
        LogStore again = LogStore.mount(ram, OPTIONS, after);
        assertTrue(after.copy().isEmpty());
        assertTrue(again.stats().eraseCountMin() > minBefore, "erase counts must survive the wipe: " + again.stats());
        again.setSnapshotSource(after);
        after.commit(again, List.of(StoreRecord.put(5, value(5, 10))));
        again.close();
        assertEquals(1, remount(ram).size());
    }

    @Test
    void blockThatFailsToEraseIsMarkedBadAndSkipped() throws IOException {
        RamFlash ram = new RamFlash(SMALL);
        FaultyFlash dev = FaultyFlash.neverCut(ram);
        dev.failErasesOf(3);
        FakeOwner owner = new FakeOwner();
        LogStore store = open(dev, owner);
        for (int i = 0; i < 600; i++) {
            owner.commit(store, List.of(StoreRecord.put(i % 25, value(i, 80))));
        }
        assertEquals(1, store.stats().badBlocks());
        store.close();
        assertTrue(ram.isBad(3));
        assertTrue(FakeOwner.same(owner.copy(), remount(ram)));
    }

    @Test
    void flippedBitIsReportedAndOnlyThatRecordIsLost() throws IOException {
        RamFlash ram = new RamFlash(SMALL);
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(ram, OPTIONS, owner);
        for (long k = 0; k < 10; k++) {
            owner.commit(store, List.of(StoreRecord.put(k, value((int) k, 40))));
        }
        store.close();
        long at = find(ram, value(4, 40));
        ram.corrupt(at + 7, 0x10);

        FakeOwner after = new FakeOwner();
        LogStore again = LogStore.mount(ram, OPTIONS, after);
        Map<Long, byte[]> found = after.copy();
        assertEquals(1, again.stats().corruptRecords());
        assertNull(found.get(4L), "the damaged record must not be returned");
        assertEquals(9, found.size());
        assertArrayEquals(value(9, 40), found.get(9L));
    }

    @Test
    void oversizedValueIsRefusedBeforeAnythingIsAccepted() throws IOException {
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(new RamFlash(SMALL), OPTIONS, owner);
        assertThrows(IllegalArgumentException.class, () -> store.append(List.of(StoreRecord.put(1, new byte[201]))));
        assertEquals(0, store.stats().transactions());
    }

    @Test
    void aMountAfterACheckpointInACommitCountsOnlyTheLogAfterIt() throws IOException {
        RamFlash ram = new RamFlash(new FlashGeometry(256, 4096, 256));
        StoreOptions options = OPTIONS.withReplayLimitBytes(16 * 1024);
        FakeOwner owner = new FakeOwner();
        LogStore store = open(ram, options, owner);
        for (int k = 0; store.stats().checkpoints() == 0; k++) {
            owner.commit(store, List.of(StoreRecord.put(k % 200, value(k, 60))));
        }
        owner.commit(store, List.of(StoreRecord.put(1, value(9, 60))));
        long log = store.stats().logBytesSinceCheckpoint();
        store.close();
        LogStore mounted = LogStore.mount(ram, options, new FakeOwner());
        assertEquals(log, mounted.stats().logBytesSinceCheckpoint());
        mounted.close();
    }

    @Test
    void aBackgroundCheckpointTakesCommitsBetweenItsSlices() throws IOException {
        RamFlash ram = new RamFlash(new FlashGeometry(256, 4096, 256));
        StoreOptions options = OPTIONS.withReplayLimitBytes(128 * 1024);
        FakeOwner owner = new FakeOwner();
        LogStore store = open(ram, options, owner);
        int keys = 3 * LogStore.SLICE_RECORDS + 10;
        for (int k = 0; k < keys; k += 50) {
            List<StoreRecord> txn = new ArrayList<>();
            for (int j = k; j < Math.min(keys, k + 50); j++) {
                txn.add(StoreRecord.put(j, value(j, 40)));
            }
            owner.commit(store, txn);
        }
        assertTrue(store.checkpointStep(), "the log is past half the replay limit: a checkpoint is due");
        assertTrue(store.checkpointStep(), "the first slice is written, more remain");
        // Between slices: change a key already listed, one not listed yet, and remove one of each.
        owner.commit(store, List.of(StoreRecord.put(3, value(1003, 40)), StoreRecord.put(keys - 2, value(1004, 40)),
                StoreRecord.delete(5), StoreRecord.delete(keys - 3), StoreRecord.put(keys + 100, value(1005, 40))));
        int steps = 0;
        while (store.checkpointStep()) {
            owner.commit(store, List.of(StoreRecord.put(7, value(2000 + steps, 40))));
            steps++;
        }
        assertEquals(1, store.stats().backgroundCheckpoints());
        assertEquals(1, store.stats().checkpoints(), "no checkpoint was written inside a commit");
        long log = store.stats().logBytesSinceCheckpoint();
        assertTrue(log > 0, "the commits between and after the slices are the log since the checkpoint");
        store.close();
        FakeOwner again = new FakeOwner();
        LogStore mounted = LogStore.mount(ram, options, again);
        assertEquals(log, mounted.stats().logBytesSinceCheckpoint(), "the mount counts the log as the store did, slices left out");
        mounted.close();
        assertTrue(FakeOwner.same(owner.copy(), again.copy()), "the mount replays slices and commits in log order");
        assertEquals(StoreDamage.NONE, LogStore.mount(ram, options, new FakeOwner()).damage());
    }

    @Test
    void theCheckpointThreadKeepsCheckpointsOutOfCommits() throws Exception {
        RamFlash ram = new RamFlash(new FlashGeometry(256, 4096, 256));
        StoreOptions options = OPTIONS.withReplayLimitBytes(32 * 1024);
        FakeOwner owner = new FakeOwner();
        LogStore store = open(ram, options, owner);
        store.checkpointInBackground();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int first = w * 100;
            writers.add(pool.submit(() -> {
                // Until the thread has written a few; a commit that finds the log at twice the
                // replay limit first writes one itself, so the loop ends whatever the scheduling.
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                for (int i = 0; store.stats().backgroundCheckpoints() < 3 && System.nanoTime() < deadline; i++) {
                    owner.commit(store, List.of(StoreRecord.put(first + i % 100, value(i, 30))));
                }
                return null;
            }));
        }
        for (Future<?> f : writers) {
            f.get();
        }
        pool.shutdown();
        store.close();
        assertTrue(store.stats().backgroundCheckpoints() >= 3,
                "the thread wrote " + store.stats().backgroundCheckpoints() + " checkpoints in a minute of commits");
        FakeOwner again = new FakeOwner();
        LogStore.mount(ram, options, again).close();
        assertTrue(FakeOwner.same(owner.copy(), again.copy()));
    }

    @Test
    void aBugInOneBackgroundCheckpointDropsItAndTheThreadGoesOn() throws Exception {
        RamFlash ram = new RamFlash(new FlashGeometry(256, 4096, 256));
        StoreOptions options = OPTIONS.withReplayLimitBytes(32 * 1024);
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(ram, options, owner);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        store.setSnapshotSource(new SnapshotSource() {
            @Override
            public void snapshot(RecordSink out) {
                owner.snapshot(out);
            }

            @Override
            public void holdingWriters(Runnable body) {
                owner.holdingWriters(body);
            }

            @Override
            public long snapshotSlice(long fromKey, int max, RecordSink out) {
                if (failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("a bug in the owner");
                }
                return owner.snapshotSlice(fromKey, max, out);
            }
        });
        store.checkpointInBackground();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; store.stats().backgroundCheckpoints() < 2 && System.nanoTime() < deadline; i++) {
            owner.commit(store, List.of(StoreRecord.put(i % 50, value(i, 30))));
        }
        assertTrue(failed.get(), "the first slice failed");
        assertTrue(store.stats().backgroundCheckpoints() >= 2, "the thread went on after the failure");
        store.close();
        assertTrue(FakeOwner.same(owner.copy(), remount(ram)), "nothing was lost");
    }
}
