package macserver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static macserver.store.testsupport.FlashSearch.find;
import static macserver.store.testsupport.FlashSearch.findAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import macserver.store.testsupport.FakeOwner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage that is not a power cut (flipped bits, overwritten ranges, lost block headers): a
 * transaction applies whole or not at all, and every transaction left out is reported.
 */
class DamageRecoveryTest {
    private static final FlashGeometry SMALL = new FlashGeometry(256, 4096, 24);
    private static final FlashGeometry WIDE = new FlashGeometry(2048, 128 * 1024, 16);
    private static final StoreOptions OPTIONS = StoreOptions.defaults().withMaxValueSize(200);

    private static byte[] value(long n, int size) {
        byte[] v = new byte[size];
        for (int i = 0; i < size; i++) {
            v[i] = (byte) (n * 31 + i);
        }
        return v;
    }

    private record Mounted(Map<Long, byte[]> state, StoreDamage damage) {
    }

    private static Mounted remount(FlashDevice dev) throws IOException {
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(dev, OPTIONS, owner);
        store.close();
        return new Mounted(owner.copy(), store.damage());
    }

    @Test
    void oneFlippedBitInABigRemovalKeepsEveryBindingOfIt() throws IOException {
        RamFlash ram = new RamFlash(WIDE);
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(ram, OPTIONS, owner);
        List<StoreRecord> adds = new ArrayList<>();
        List<StoreRecord> removes = new ArrayList<>();
        for (long k = 0; k < 500; k++) {
            adds.add(StoreRecord.put(k, value(k, 24)));
            removes.add(StoreRecord.delete(k));
        }
        owner.commit(store, adds);
        owner.commit(store, removes);
        owner.commit(store, List.of(StoreRecord.put(1000, value(1000, 10))));
        store.close();
        // The 250th DELETE record: key 249 in its payload.
        long at = find(ram, deleteRecordOf(249));
        ram.corrupt(at + RecordFormat.HEADER + 3, 0x04);

        Mounted m = remount(ram);
        assertEquals(501, m.state().size(), "the removal must apply whole or not at all");
        assertTrue(m.state().containsKey(249L) && m.state().containsKey(0L) && m.state().containsKey(499L));
        assertEquals(1, m.damage().lostTransactions().size(), m.damage().toString());
        LostTransactions lost = m.damage().lostTransactions().getFirst();
        assertEquals(2, lost.first());
        assertEquals(2, lost.last());
        assertEquals(499, lost.keysSeen().size() + lost.moreKeys(), "the readable records of the lost removal");
        assertEquals(1, m.damage().damagedRecords());
    }

    @Test
    void aRecordSwappedForAnotherIntactOneIsCaughtByTheDigest() throws IOException {
        RamFlash ram = new RamFlash(WIDE);
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(ram, OPTIONS, owner);
        owner.commit(store, List.of(StoreRecord.put(7, value(7, 16)), StoreRecord.put(8, value(8, 16))));
        owner.commit(store, List.of(StoreRecord.delete(7), StoreRecord.delete(8)));
        store.close();
        // Replace DELETE 8 by a well-formed DELETE 9: every record checks out, the count matches.
        long at = find(ram, deleteRecordOf(8));
        byte[] replacement = deleteRecordOf(9);
        byte[] current = deleteRecordOf(8);
        for (int i = 0; i < current.length; i++) {
            ram.corrupt(at + i, current[i] ^ replacement[i]);
        }

        Mounted m = remount(ram);
        assertEquals(Set.of(7L, 8L), m.state().keySet(), "neither removal may apply");
        assertEquals(0, m.damage().damagedRecords());
        LostTransactions lost = m.damage().lostTransactions().getFirst();
        assertEquals(2, lost.first());
        assertTrue(lost.cause().contains("digest"), lost.cause());
        assertEquals(List.of(7L, 9L), lost.keysSeen());
    }

    @Test
    void everyTransactionUnderARandomOverwriteIsReported() throws IOException {
        for (int trial = 0; trial < 150; trial++) {
            RamFlash ram = new RamFlash(SMALL);
            onePutPerTransaction(ram, 0, 30);
            Random rng = new Random(trial);
            int firstPage = 3 + rng.nextInt(20);
            int pages = 1 + rng.nextInt(3);
            long from = (long) firstPage * SMALL.pageSize();
            long to = from + (long) pages * SMALL.pageSize();
            Set<Long> overwritten = new TreeSet<>();
            for (long k = 0; k < 30; k++) {
                long where = find(ram, value(k, 40));
                long header = SMALL.blockOffset(SMALL.blockOf(where));
                // Hit directly, or through its block's header (page 0), which takes the whole block.
                if (where >= from && where < to || header >= from && header < to) {
                    overwritten.add(k + 1);
                }
            }
            for (long i = from; i < to; i++) {
                ram.corrupt(i, 1 + rng.nextInt(255));
            }

            Mounted m = remount(ram);
            Set<Long> reported = new TreeSet<>();
            for (LostTransactions run : m.damage().lostTransactions()) {
                assertTrue(run.count() > 0, "trial " + trial + ": both ends known: " + run);
                for (long t = run.first(); t <= run.last(); t++) {
                    reported.add(t);
                }
            }
            String where = "trial " + trial + ", pages " + firstPage + "+" + pages + ": " + m.damage();
            assertEquals(overwritten, reported, where);
            for (long k = 0; k < 30; k++) {
                assertEquals(!overwritten.contains(k + 1), m.state().containsKey(k), where + ", key " + k);
            }
        }
    }

    @Test
    void aLostFirstBlockReportsEverythingBeforeTheNextIntactTransaction() throws IOException {
        RamFlash ram = new RamFlash(SMALL);
        onePutPerTransaction(ram, 0, 5);
        // A reboot: the writer opens a new block rather than appending to the old one.
        onePutPerTransaction(ram, 99, 1);
        for (int i = 0; i < 64; i++) {
            ram.corrupt(i, 0x5A);
        }

        Mounted m = remount(ram);
        assertEquals(Set.of(99L), m.state().keySet());
        assertEquals(1, m.damage().missingBlocks());
        LostTransactions lost = m.damage().lostTransactions().getFirst();
        assertEquals(0, lost.first(), "the log's start is lost with the block");
        assertEquals(5, lost.last());
        assertEquals("up to 5", lost.numbers());
    }

    @Test
    void aTransactionWhoseBeginWentWithTheCheckpointsEndIsNotTakenForCheckpointData() throws IOException {
        RamFlash ram = new RamFlash(SMALL);
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(ram, OPTIONS.withReplayLimitBytes(4096), owner);
        store.setSnapshotSource(owner);
        long k = 0;
        while (store.stats().checkpoints() == 0) {
            owner.commit(store, List.of(StoreRecord.put(k, value(k, 40))));
            k++;
        }
        // The transaction that made the checkpoint is the first after it, in the block the checkpoint opened.
        long trigger = k - 1;
        store.close();
        List<Long> ends = findAll(ram, new byte[] {(byte) 0xA7, RecordFormat.CHECKPOINT_END, 0, 16});
        long end = ends.getLast();
        long begin = find(ram, value(trigger, 40)) - 2 * RecordFormat.HEADER - 8 - 8;
        ram.corrupt(end + RecordFormat.HEADER + 2, 0x01);
        ram.corrupt(begin + RecordFormat.HEADER + 7, 0x01);

        Mounted m = remount(ram);
        assertFalse(m.state().containsKey(trigger), "a record of a transaction whose BEGIN is lost must not apply as checkpoint data");
        assertEquals(-1, m.damage().lostCheckpointItems(), "the checkpoint's end is lost");
        assertTrue(m.damage().lostTransactions().stream().anyMatch(r -> r.last() == trigger + 1), m.damage().toString());
    }

    @Test
    void imageWrittenBeforeTheDigestStillMounts() throws IOException {
        RamFlash ram = new RamFlash(SMALL);
        byte[] page = new byte[SMALL.pageSize()];
        Arrays.fill(page, FlashDevice.ERASED);
        byte[] header = new BlockHeader(1, 1, 1, SMALL.pageSize()).encode();
        System.arraycopy(header, 0, page, 0, header.length);
        ram.program(0, page, 0, page.length);
        RecordBuffer records = new RecordBuffer(256);
        records.marker(RecordFormat.BEGIN, 1, 0, 0);
        records.put(5, value(5, 20));
        records.marker(RecordFormat.COMMIT, 1, 1, 4);
        Arrays.fill(page, FlashDevice.ERASED);
        System.arraycopy(records.bytes(), 0, page, 0, records.length());
        ram.program(SMALL.pageSize(), page, 0, page.length);

        Mounted m = remount(ram);
        assertEquals(Set.of(5L), m.state().keySet());
        assertFalse(m.damage().any());
    }

    /**
     * One mount that commits keys {@code from..from+n-1}, one put per transaction. Each flush ends on
     * a page, so in {@link #SMALL} each transaction has a page to itself.
     */
    private static void onePutPerTransaction(FlashDevice dev, long from, int n) throws IOException {
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(dev, OPTIONS, owner);
        for (long k = from; k < from + n; k++) {
            owner.commit(store, List.of(StoreRecord.put(k, value(k, 40))));
        }
        store.close();
    }

    @Test
    void aTruncatedImageMountsItsIntactPrefix(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("flash.img");
        try (FileFlash flash = FileFlash.open(file, SMALL)) {
            onePutPerTransaction(flash, 0, 30);
        }
        // Blocks 0 and 1 hold transactions 1-30; cut in the middle of block 1.
        long cut = SMALL.blockOffset(1) + 6L * SMALL.pageSize();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(cut);
        }
        try (FileFlash flash = FileFlash.open(file, SMALL)) {
            assertEquals(SMALL.totalBytes() + SMALL.blockCount() - cut, flash.missingBytes());
            Mounted m = remount(flash);
            Set<Long> kept = new TreeSet<>(m.state().keySet());
            assertEquals(LongStream.range(0, 20).boxed().collect(Collectors.toSet()), kept,
                    "page 0 of block 1 is its header, pages 1-5 its first five transactions");
            FakeOwner owner = new FakeOwner();
            LogStore store = LogStore.mount(flash, OPTIONS, owner);
            owner.commit(store, List.of(StoreRecord.put(500, value(500, 10))));
            store.close();
            assertTrue(remount(flash).state().containsKey(500L), "the store goes on working on the extended image");
        }
    }

    private static byte[] deleteRecordOf(long key) {
        RecordBuffer one = new RecordBuffer(64);
        one.delete(key);
        return Arrays.copyOf(one.bytes(), one.length());
    }
}
