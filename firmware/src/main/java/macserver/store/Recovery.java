package macserver.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mount: finds the newest intact block header, whose checkpoint pointer says where the live state
 * begins, and replays the log from there into the sink. A transaction reaches the sink only when
 * its COMMIT is found and vouches for it (record count and digest) with no damage in between; one
 * cut short by a power loss is dropped whole. Checkpoint records are delivered as they come: each
 * is a value the state had at its place in the log, so even part of a checkpoint replayed over the
 * older base leaves the state unchanged. A background checkpoint is interleaved with transactions:
 * a transaction's BEGIN suspends it, and CHECKPOINT_RESUME carries on with its records.
 *
 * <h2>Telling damage from a power cut</h2>
 * Transaction numbers grow by one, and a power cut only ever loses the newest, unacknowledged ones,
 * whose numbers the next boot hands out again. So a transaction that is begun again under the same
 * number was cut; a number that is skipped, a COMMIT without its BEGIN or without all its records,
 * or a transaction left open when another begins, is damage, and those transactions are reported
 * as {@link LostTransactions} with the keys of whatever of them was still readable.
 */
final class Recovery implements BlockScanner.Visitor {
    private static final Logger LOG = Logger.getLogger("macserver.store");

    /** What a mount found, for building the writer and the budget. */
    record Result(BlockTable table, int newestBlock, long nextSeq, long checkpointSeq, int checkpointOffset,
                  long lastTxn, long lastCheckpointId, long checkpointBound, long bytesSinceCheckpoint,
                  long corruptRecords, long tornTails, StoreDamage damage) {
    }

    private final RecordSink sink;
    private final List<StoreRecord> pending = new ArrayList<>();
    private final TransactionDigest digest = new TransactionDigest();
    private final List<LostTransactions> lost = new ArrayList<>();
    private final List<Long> orphanKeys = new ArrayList<>();
    private int moreOrphanKeys;
    private long pendingTxn = -1;
    private long pendingSeq;
    private int pendingOffset;
    private boolean pendingDamaged;
    /** The number the next intact transaction must carry; 0 until the log says (its start may be lost). */
    private long expected;
    /** Damage since the last intact transaction or checkpoint start that no loss has been charged with yet. */
    private boolean damageOpen;
    private long damageSeq = -1;
    private int damageOffset;
    /** The checkpoint begun and not yet ended, or -1; its records come only while {@code inCheckpoint}. */
    private long openCheckpoint = -1;
    private boolean inCheckpoint;
    /** The checkpoint the log starts from: its END was on flash before any header pointed at it. */
    private boolean baseCheckpoint;
    private boolean checkpointDamaged;
    /**
     * Checkpoint records read after damage inside the checkpoint: they are delivered only when its
     * END confirms them, since the damage may have hidden the END and the next transaction's BEGIN.
     */
    private final List<StoreRecord> unconfirmed = new ArrayList<>();
    private long records;
    private long checkpointItems;
    private long lostCheckpointItems;
    private long lastTxn;
    private long lastCheckpointId;
    /** Live bytes if the open checkpoint never ends: the base's, and every put since. */
    private long checkpointBound;
    /** Live bytes once the open checkpoint ends: its records, and every put since it began. */
    private long openBound;
    private long pendingPutBytes;
    private long bytesSinceCheckpoint;
    /** The same, since the BEGIN of the checkpoint still open: becomes the figure at its END. */
    private long bytesSinceOpen;
    private long corrupt;
    private long missingBlocks;
    private long torn;
    private long currentSeq;

    private Recovery(RecordSink sink) {
        this.sink = sink;
    }

    static Result mount(FlashDevice dev, RecordSink sink) throws IOException {
        BlockTable table = BlockTable.scan(dev);
        int newest = table.newest();
        if (newest < 0) {
            return new Result(table, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, StoreDamage.NONE);
        }
        FlashGeometry g = dev.geometry();
        BlockHeader top = readHeader(dev, newest);
        long startSeq = top.checkpointSeq();
        table.setLogStart(startSeq);
        Recovery replay = new Recovery(sink);
        BlockScanner scanner = new BlockScanner(g.pageSize());
        byte[] block = new byte[g.eraseBlockSize()];
        for (long seq = startSeq; seq <= top.seq(); seq++) {
            replay.currentSeq = seq;
            int b = table.blockWithSeq(seq);
            if (b < 0) {
                replay.missingBlock(seq);
                continue;
            }
            dev.read(g.blockOffset(b), block, 0, block.length);
            scanner.scan(block, seq == startSeq ? top.checkpointOffset() : g.pageSize(), replay);
        }
        replay.endOfLog();
        replay.checkHeaderlessBlocks(dev, table, scanner, block);
        StoreDamage damage = new StoreDamage(replay.lost, replay.corrupt - replay.missingBlocks, replay.missingBlocks,
                replay.lostCheckpointItems);
        return new Result(table, newest, top.seq() + 1, startSeq, top.checkpointOffset(), replay.lastTxn,
                replay.lastCheckpointId, replay.checkpointBound, replay.bytesSinceCheckpoint, replay.corrupt, replay.torn,
                damage);
    }

    /**
     * A block whose header is unreadable but which holds records is a used block with a damaged
     * header, not a torn header write (nothing is written after a header until it is on flash).
     * When it holds transactions newer than the log's last, it was the log's newest block, and
     * nothing else would ever show that it is gone.
     */
    private void checkHeaderlessBlocks(FlashDevice dev, BlockTable table, BlockScanner scanner, byte[] block)
            throws IOException {
        FlashGeometry g = dev.geometry();
        for (int b = 0; b < table.blockCount(); b++) {
            if (table.isBad(b) || !table.hasDamagedHeader(b)) {
                continue;
            }
            dev.read(g.blockOffset(b), block, 0, block.length);
            HeaderlessBlock found = new HeaderlessBlock();
            scanner.scan(block, g.pageSize(), found);
            if (found.newestTxn > lastTxn) {
                missingBlocks++;
                corrupt++;
                found.keys.forEach(this::orphan);
                damageSeq = -1;
                LOG.log(Level.SEVERE, "erase block {0} holds transactions up to {1} but its header is damaged; they are lost", new Object[] {b, found.newestTxn});
                lost.add(new LostTransactions(lastTxn + 1, found.newestTxn, 0, 0, orphanKeys,
                        moreOrphanKeys, "the header of the log's newest block (erase block " + b + ") is damaged"));
                orphanKeys.clear();
                moreOrphanKeys = 0;
            }
        }
    }

    /** What a block without a readable header holds: its newest transaction number, and keys. */
    private static final class HeaderlessBlock implements BlockScanner.Visitor {
        long newestTxn;
        final List<Long> keys = new ArrayList<>();

        @Override
        public void record(int type, byte[] b, int at, int length) {
            switch (type) {
                case RecordFormat.BEGIN, RecordFormat.COMMIT -> {
                    newestTxn = Math.max(newestTxn, RecordBuffer.readLong(b, at));
                }
                case RecordFormat.PUT, RecordFormat.DELETE -> keys.add(RecordBuffer.readLong(b, at));
                default -> { }
            }
        }

        @Override
        public void corrupt(int offset) {
        }

        @Override
        public void tornTail(int offset) {
        }
    }

    private static BlockHeader readHeader(FlashDevice dev, int block) throws IOException {
        byte[] page = new byte[Math.min(dev.geometry().pageSize(), BlockHeader.MAX_LENGTH)];
        dev.read(dev.geometry().blockOffset(block), page, 0, page.length);
        return BlockHeader.parse(page);
    }

    @Override
    public void record(int type, byte[] b, int at, int length) {
        // What the next mount replays: transactions, not a checkpoint's own records (as the running
        // store counts it; counting those made every mount after a checkpoint see twice the log).
        boolean ofCheckpoint = type == RecordFormat.CHECKPOINT_BEGIN || type == RecordFormat.CHECKPOINT_END
                || type == RecordFormat.CHECKPOINT_RESUME || (inCheckpoint && (type == RecordFormat.PUT || type == RecordFormat.DELETE));
        if (!ofCheckpoint) {
            bytesSinceCheckpoint += RecordFormat.size(length);
            bytesSinceOpen += RecordFormat.size(length);
        }
        records++;
        int offset = at - RecordFormat.HEADER;
        switch (type) {
            case RecordFormat.PUT, RecordFormat.DELETE -> data(type, b, at, length);
            case RecordFormat.BEGIN -> begin(RecordBuffer.readLong(b, at), offset);
            case RecordFormat.COMMIT -> commit(RecordBuffer.readLong(b, at),
                    length >= 12 ? (int) RecordBuffer.readUnsigned(b, at + 8, 4) : -1,
                    length >= 16, length >= 16 ? (int) RecordBuffer.readUnsigned(b, at + 12, 4) : 0);
            case RecordFormat.CHECKPOINT_BEGIN -> checkpointBegin(RecordBuffer.readLong(b, at), RecordBuffer.readLong(b, at + 8));
            case RecordFormat.CHECKPOINT_END -> checkpointEnd(RecordBuffer.readLong(b, at + 8));
            case RecordFormat.CHECKPOINT_RESUME -> checkpointResume(RecordBuffer.readLong(b, at));
            default -> throw new IllegalStateException("scanner passed unknown record type " + type);
        }
    }

    private void data(int type, byte[] b, int at, int length) {
        long key = RecordBuffer.readLong(b, at);
        if (inCheckpoint) {
            if (type == RecordFormat.PUT) {
                openBound += RecordFormat.size(length);
                checkpointItems++;
                byte[] value = Arrays.copyOfRange(b, at + 8, at + length);
                if (checkpointDamaged) {
                    unconfirmed.add(new StoreRecord(key, value));
                } else {
                    sink.put(key, value);
                }
            }
        } else if (pendingTxn >= 0) {
            pending.add(new StoreRecord(key, type == RecordFormat.PUT ? Arrays.copyOfRange(b, at + 8, at + length) : null));
            digest.add(RecordFormat.storedCrc(b, at));
            if (type == RecordFormat.PUT) {
                pendingPutBytes += RecordFormat.size(length);
            }
        } else {
            // Outside every transaction and checkpoint: the marker that opened it was lost.
            orphan(key);
            damageOpen = true;
        }
    }

    private void begin(long txn, int offset) {
        inCheckpoint = false;
        if (pendingTxn >= 0 && pendingTxn != txn) {
            // Left open while another begins: its COMMIT was lost. (Begun again under the same
            // number instead, it was cut by a power loss and never acknowledged.)
            abandonPending();
        }
        clearPending();
        settle(txn - 1, "no intact COMMIT before transaction " + txn);
        pendingTxn = txn;
        pendingSeq = currentSeq;
        pendingOffset = offset;
    }

    private void commit(long txn, int count, boolean hasDigest, int wanted) {
        inCheckpoint = false;
        boolean intact = pendingTxn == txn && !pendingDamaged && (count < 0 || count == pending.size())
                && (!hasDigest || wanted == digest.value());
        if (intact) {
            for (StoreRecord r : pending) {
                if (r.value() == null) {
                    sink.delete(r.key());
                } else {
                    sink.put(r.key(), r.value());
                }
                if (!unconfirmed.isEmpty()) {
                    // Newer than the checkpoint's unconfirmed value of the same key, applied at its END.
                    unconfirmed.removeIf(u -> u.key() == r.key());
                }
            }
            checkpointBound += pendingPutBytes;
            openBound += pendingPutBytes;
        } else if (pendingTxn == txn) {
            String cause = pendingDamaged ? "a damaged record inside it"
                    : count != pending.size() ? pending.size() + " of its " + count + " records readable"
                    : "its records do not match the digest in its COMMIT";
            abandonPending();
            lose(txn, txn, cause);
        } else {
            if (pendingTxn >= 0) {
                abandonPending();
            }
            lose(expected > 0 ? Math.min(expected, txn) : 0, txn, "its BEGIN is damaged");
        }
        expected = txn + 1;
        lastTxn = Math.max(lastTxn, txn);
        clearPending();
        damageOpen = false;
        damageSeq = -1;
    }

    private void checkpointBegin(long id, long coveredTxn) {
        leaveCheckpoint();
        if (pendingTxn >= 0 && pendingTxn <= coveredTxn) {
            abandonPending();
        }
        clearPending();
        settle(coveredTxn, "no intact COMMIT before the checkpoint covering transaction " + coveredTxn);
        openCheckpoint = id;
        inCheckpoint = true;
        baseCheckpoint = records == 1;
        checkpointDamaged = false;
        checkpointItems = 0;
        lastCheckpointId = Math.max(lastCheckpointId, id);
        lastTxn = Math.max(lastTxn, coveredTxn);
        expected = coveredTxn + 1;
        openBound = 0;
        bytesSinceOpen = 0;
    }

    /** A background checkpoint's records go on after the transactions that came in between. */
    private void checkpointResume(long id) {
        if (pendingTxn >= 0) {
            // A transaction left open: its COMMIT was lost (a power cut never tears the log in the middle).
            abandonPending();
            clearPending();
        }
        if (openCheckpoint == id) {
            inCheckpoint = true;
        } else {
            // Its BEGIN was lost to damage: what follows cannot be vouched for.
            inCheckpoint = false;
            damageOpen = true;
        }
    }

    private void checkpointEnd(long count) {
        if (openCheckpoint >= 0 && count > checkpointItems) {
            long missing = count - checkpointItems;
            lostCheckpointItems = lostCheckpointItems < 0 ? -1 : lostCheckpointItems + missing;
            LOG.log(Level.SEVERE, "{0} of the {1} items of the checkpoint in log block {2} are unreadable and lost", new Object[] {missing, count, currentSeq});
        }
        for (StoreRecord r : unconfirmed) {
            sink.put(r.key(), r.value());
        }
        unconfirmed.clear();
        if (openCheckpoint >= 0) {
            checkpointBound = openBound;
            bytesSinceCheckpoint = bytesSinceOpen;
        }
        openCheckpoint = -1;
        inCheckpoint = false;
        checkpointDamaged = false;
    }

    /**
     * A checkpoint left without its END: cut by a power loss, unless damage was seen in it or it is
     * the log's base. Records read after the damage cannot be told from a transaction's whose BEGIN
     * the damage also took, so they are not applied.
     */
    private void leaveCheckpoint() {
        if (openCheckpoint >= 0 && (checkpointDamaged || baseCheckpoint)) {
            lostCheckpointItems = -1;
            LOG.log(Level.SEVERE, "the checkpoint in log block {0} is damaged and its end lost: an unknown number of items are lost",
                    currentSeq);
            for (StoreRecord r : unconfirmed) {
                orphan(r.key());
            }
            if (!unconfirmed.isEmpty()) {
                damageOpen = true;
            }
        }
        unconfirmed.clear();
        openCheckpoint = -1;
        inCheckpoint = false;
        checkpointDamaged = false;
    }

    /** Everything up to {@code upTo} should be accounted for now: charges skipped numbers and open damage. */
    private void settle(long upTo, String cause) {
        boolean skipped = expected > 0 && upTo >= expected;
        boolean lostAtStart = expected == 0 && damageOpen && upTo >= 1;
        if (skipped || lostAtStart) {
            lose(expected, upTo, cause);
        } else if (!orphanKeys.isEmpty() || moreOrphanKeys > 0) {
            // Readable records that no intact transaction or checkpoint claims, and no number is missing.
            lose(0, 0, "records outside any intact transaction or checkpoint");
        }
        damageOpen = false;
        damageSeq = -1;
    }

    private void endOfLog() {
        leaveCheckpoint();
        if (pendingTxn >= 0 && pendingDamaged) {
            // Its COMMIT may have been the damaged tail, or a power cut may have ended it: it cannot be told.
            long txn = pendingTxn;
            abandonPending();
            lose(txn, 0, "damaged, and the log ends before its COMMIT");
        } else if (!orphanKeys.isEmpty() || moreOrphanKeys > 0) {
            lose(expected, 0, "damaged near the end of the log");
        }
        clearPending();
    }

    private void abandonPending() {
        for (StoreRecord r : pending) {
            orphan(r.key());
        }
        if (damageSeq < 0) {
            damageSeq = pendingSeq;
            damageOffset = pendingOffset;
        }
        damageOpen = true;
    }

    private void clearPending() {
        pending.clear();
        digest.reset();
        pendingPutBytes = 0;
        pendingTxn = -1;
        pendingDamaged = false;
    }

    private void orphan(long key) {
        if (orphanKeys.size() < LostTransactions.KEYS_KEPT) {
            orphanKeys.add(key);
        } else {
            moreOrphanKeys++;
        }
    }

    private void lose(long first, long last, String cause) {
        long seq = damageSeq >= 0 ? damageSeq : currentSeq;
        LostTransactions run = new LostTransactions(first, last, seq, damageSeq >= 0 ? damageOffset : 0, orphanKeys,
                moreOrphanKeys, cause);
        lost.add(run);
        LOG.log(Level.SEVERE, "transaction(s) {0} lost to flash damage in log block {1} at offset 0x{2}: {3}; {4} of their records readable", new Object[] {run.numbers(), seq, Integer.toHexString(run.offset()), cause, orphanKeys.size() + moreOrphanKeys});
        orphanKeys.clear();
        moreOrphanKeys = 0;
        damageOpen = false;
        damageSeq = -1;
    }

    private void damaged(long seq, int offset) {
        if (damageSeq < 0) {
            damageSeq = seq;
            damageOffset = offset;
        }
        if (inCheckpoint) {
            checkpointDamaged = true;
        }
        if (pendingTxn >= 0) {
            pendingDamaged = true;
        } else {
            damageOpen = true;
        }
    }

    private void missingBlock(long seq) {
        corrupt++;
        missingBlocks++;
        LOG.log(Level.SEVERE, "log block with sequence {0} is missing or its header is damaged; its records are lost", seq);
        damaged(seq, 0);
    }

    @Override
    public void corrupt(int offset) {
        corrupt++;
        LOG.log(Level.SEVERE, "damaged record in log block {0} at offset {1} skipped (CRC mismatch)", new Object[] {currentSeq, offset});
        damaged(currentSeq, offset);
    }

    @Override
    public void tornTail(int offset) {
        torn++;
        LOG.log(Level.FINE, "log block {0} ends in an interrupted write at offset {1}; ignored", new Object[] {currentSeq, offset});
    }
}
