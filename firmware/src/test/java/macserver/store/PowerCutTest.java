package macserver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import macserver.store.testsupport.FakeOwner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * littlefs's "linear" power-loss schedule: the same workload is run again and again, with the power
 * cut at the 1st, 2nd, 3rd ... program or erase, until it runs to the end without reaching the cut.
 * After every cut the flash is mounted and checked: every acknowledged transaction is there, the
 * unacknowledged ones are each all there or all gone (and only in order), nothing is reported
 * corrupt or lost, and the store goes on working across another remount.
 *
 * <p>The geometry is tiny (24 blocks of 4 KiB) so that the workload laps the log, writes checkpoints
 * and reclaims blocks within about a thousand flash operations. Between commands the workload
 * drives background checkpoints a step at a time (as the checkpoint thread would), so cuts land
 * inside those too: at their start, between slices with transactions interleaved, and at their end;
 * when the steps fall behind, {@code append} writes a whole checkpoint itself, so both kinds are cut.
 */
class PowerCutTest {
    static final FlashGeometry GEOMETRY = new FlashGeometry(256, 4096, 24);
    static final StoreOptions OPTIONS = StoreOptions.defaults().withMaxValueSize(200).withReplayLimitBytes(16 * 1024);
    private static final int STEPS = 700;

    @ParameterizedTest
    @EnumSource(FaultyFlash.Tear.class)
    void everyCutPointRecovers(FaultyFlash.Tear tear) throws IOException {
        long cuts = 0;
        long checkpointsSeen = 0;
        long backgroundSeen = 0;
        for (long cutAt = 1; ; cutAt++) {
            RamFlash ram = new RamFlash(GEOMETRY);
            FaultyFlash faulty = new FaultyFlash(ram, cutAt, tear, cutAt);
            Tracker tracker = new Tracker();
            runUntilCut(faulty, tracker);
            backgroundSeen = Math.max(backgroundSeen, tracker.backgroundCheckpoints);
            if (!faulty.powerCut()) {
                break;
            }
            cuts++;
            checkpointsSeen += checkAfterCut(ram, tracker, "cut at operation " + cutAt + " (" + tear + ")");
        }
        assertTrue(cuts > 1000, "the workload should offer over a thousand cut points, had " + cuts);
        assertTrue(checkpointsSeen > 0, "the continued runs should have written checkpoints");
        assertTrue(backgroundSeen >= 3, "the workload should have finished background checkpoints, did " + backgroundSeen);
    }

    /** Runs the workload until it ends or the power goes; returns normally in both cases. */
    static void runUntilCut(FlashDevice dev, Tracker tracker) throws IOException {
        FakeOwner owner = new FakeOwner();
        LogStore store;
        try {
            store = LogStore.mount(dev, OPTIONS, owner);
        } catch (PowerCutException e) {
            return;
        }
        store.setSnapshotSource(owner);
        Random rng = new Random(42);
        Random steps = new Random(11);
        try {
            for (int step = 0; step < STEPS; step++) {
                int batch = 1 + rng.nextInt(3);
                long ticket = 0;
                for (int i = 0; i < batch; i++) {
                    List<StoreRecord> txn = randomTransaction(rng, step);
                    ticket = owner.append(store, txn);
                    tracker.appended(txn);
                }
                store.awaitDurable(ticket);
                tracker.acknowledged();
                for (int i = steps.nextInt(4); i > 0 && store.checkpointStep(); i--) {
                    // a slice or two between commands, as the checkpoint thread fits them in
                }
                tracker.backgroundCheckpoints = store.stats().backgroundCheckpoints();
            }
            store.close();
        } catch (IOException e) {
            if (!(e instanceof PowerCutException) && !(e.getCause() instanceof PowerCutException)) {
                throw e;
            }
        }
    }

    static List<StoreRecord> randomTransaction(Random rng, int step) {
        int roll = rng.nextInt(100);
        int size = roll < 70 ? 1 : roll < 95 ? 2 + rng.nextInt(10) : 30 + rng.nextInt(20);
        List<StoreRecord> txn = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            long key = rng.nextInt(60);
            if (rng.nextInt(5) == 0) {
                txn.add(StoreRecord.delete(key));
            } else {
                byte[] value = new byte[1 + rng.nextInt(rng.nextInt(10) == 0 ? 200 : 60)];
                rng.nextBytes(value);
                value[0] = (byte) step;
                txn.add(StoreRecord.put(key, value));
            }
        }
        return txn;
    }

    /** Mounts after a cut, checks the invariants, then keeps using the store; returns checkpoints written meanwhile. */
    static long checkAfterCut(RamFlash ram, Tracker tracker, String where) throws IOException {
        FakeOwner owner = new FakeOwner();
        LogStore store = LogStore.mount(ram, OPTIONS, owner);
        Map<Long, byte[]> found = owner.copy();
        if (!tracker.matchesSomePrefix(found)) {
            fail(where + ": mounted state " + FakeOwner.describe(found) + " is not the acknowledged state "
                    + FakeOwner.describe(tracker.acked) + " plus a prefix of the " + tracker.inFlight.size() + " unacknowledged transactions");
        }
        assertEquals(0, store.stats().corruptRecords(), where + ": a power cut must not look like corruption");
        assertEquals(StoreDamage.NONE, store.damage(), where + ": a power cut must not be reported as lost transactions");
        store.setSnapshotSource(owner);
        Random rng = new Random(7);
        for (int step = 0; step < 40; step++) {
            owner.commit(store, randomTransaction(rng, step));
            store.checkpointStep();
        }
        long checkpoints = store.stats().checkpoints();
        store.close();
        FakeOwner again = new FakeOwner();
        LogStore.mount(ram, OPTIONS, again).close();
        assertTrue(FakeOwner.same(owner.copy(), again.copy()), where + ": state after continuing differs on the next mount");
        return checkpoints;
    }

    /** What the workload was told: acknowledged state, and the transactions sent but not yet acknowledged. */
    static final class Tracker {
        final Map<Long, byte[]> acked = new TreeMap<>();
        final List<List<StoreRecord>> inFlight = new ArrayList<>();
        long backgroundCheckpoints;

        void appended(List<StoreRecord> txn) {
            inFlight.add(txn);
        }

        void acknowledged() {
            inFlight.forEach(txn -> FakeOwner.apply(acked, txn));
            inFlight.clear();
        }

        boolean matchesSomePrefix(Map<Long, byte[]> found) {
            Map<Long, byte[]> candidate = new TreeMap<>(acked);
            if (FakeOwner.same(candidate, found)) {
                return true;
            }
            for (List<StoreRecord> txn : inFlight) {
                FakeOwner.apply(candidate, txn);
                if (FakeOwner.same(candidate, found)) {
                    return true;
                }
            }
            return false;
        }
    }
}
