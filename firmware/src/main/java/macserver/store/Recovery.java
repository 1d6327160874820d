package macserver.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mount: finds the newest intact block header, whose checkpoint pointer says where the live state
 * begins, and replays the log from there into the sink. A transaction reaches the sink only when
 * its COMMIT is found; one cut short by a power loss is dropped whole. Checkpoint records are
 * delivered as they come: each is a value the state already had, so even part of a checkpoint
 * replayed over the older base leaves the state unchanged.
 */
final class Recovery implements BlockScanner.Visitor {
    private static final System.Logger LOG = System.getLogger("macserver.store");

    /** What a mount found, for building the writer and the budget. */
    record Result(BlockTable table, int newestBlock, long nextSeq, long checkpointSeq, int checkpointOffset,
                  long lastTxn, long lastCheckpointId, long checkpointBound, long bytesSinceCheckpoint,
                  long corruptRecords, long tornTails) {
    }

    private final RecordSink sink;
    private final List<StoreRecord> pending = new ArrayList<>();
    private long pendingTxn = -1;
    private boolean inCheckpoint;
    private long lastTxn;
    private long lastCheckpointId;
    private long checkpointBound;
    private long pendingPutBytes;
    private long bytesSinceCheckpoint;
    private long corrupt;
    private long torn;
    private long currentSeq;

    private Recovery(RecordSink sink) {
        this.sink = sink;
    }

    static Result mount(FlashDevice dev, RecordSink sink) throws IOException {
        BlockTable table = BlockTable.scan(dev);
        int newest = table.newest();
        if (newest < 0) {
            return new Result(table, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        FlashGeometry g = dev.geometry();
        BlockHeader top = readHeader(dev, newest);
        long startSeq = top.checkpointSeq();
        table.setLogStart(startSeq);
        Recovery replay = new Recovery(sink);
        BlockScanner scanner = new BlockScanner(g.pageSize());
        byte[] block = new byte[g.eraseBlockSize()];
        for (long seq = startSeq; seq <= top.seq(); seq++) {
            int b = table.blockWithSeq(seq);
            if (b < 0) {
                LOG.log(Level.ERROR, "log block with sequence {0} is missing or its header is damaged; its records are lost", seq);
                replay.corrupt++;
                continue;
            }
            dev.read(g.blockOffset(b), block, 0, block.length);
            replay.currentSeq = seq;
            scanner.scan(block, seq == startSeq ? top.checkpointOffset() : g.pageSize(), replay);
        }
        return new Result(table, newest, top.seq() + 1, startSeq, top.checkpointOffset(), replay.lastTxn,
                replay.lastCheckpointId, replay.checkpointBound, replay.bytesSinceCheckpoint, replay.corrupt, replay.torn);
    }

    private static BlockHeader readHeader(FlashDevice dev, int block) throws IOException {
        byte[] page = new byte[Math.min(dev.geometry().pageSize(), BlockHeader.MAX_LENGTH)];
        dev.read(dev.geometry().blockOffset(block), page, 0, page.length);
        return BlockHeader.parse(page);
    }

    @Override
    public void record(int type, byte[] b, int at, int length) {
        bytesSinceCheckpoint += RecordFormat.size(length);
        switch (type) {
            case RecordFormat.PUT -> {
                long key = RecordBuffer.readLong(b, at);
                byte[] value = Arrays.copyOfRange(b, at + 8, at + length);
                if (inCheckpoint) {
                    checkpointBound += RecordFormat.size(length);
                    sink.put(key, value);
                } else if (pendingTxn >= 0) {
                    pending.add(new StoreRecord(key, value));
                    pendingPutBytes += RecordFormat.size(length);
                }
            }
            case RecordFormat.DELETE -> {
                if (!inCheckpoint && pendingTxn >= 0) {
                    pending.add(new StoreRecord(RecordBuffer.readLong(b, at), null));
                }
            }
            case RecordFormat.BEGIN -> {
                inCheckpoint = false;
                pending.clear();
                pendingPutBytes = 0;
                pendingTxn = RecordBuffer.readLong(b, at);
            }
            case RecordFormat.COMMIT -> commit(RecordBuffer.readLong(b, at));
            case RecordFormat.CHECKPOINT_BEGIN -> {
                inCheckpoint = true;
                pending.clear();
                pendingTxn = -1;
                lastCheckpointId = Math.max(lastCheckpointId, RecordBuffer.readLong(b, at));
                lastTxn = Math.max(lastTxn, RecordBuffer.readLong(b, at + 8));
                checkpointBound = 0;
                bytesSinceCheckpoint = 0;
            }
            case RecordFormat.CHECKPOINT_END -> inCheckpoint = false;
            default -> throw new IllegalStateException("scanner passed unknown record type " + type);
        }
    }

    private void commit(long txn) {
        if (txn == pendingTxn) {
            for (StoreRecord r : pending) {
                if (r.value() == null) {
                    sink.delete(r.key());
                } else {
                    sink.put(r.key(), r.value());
                }
            }
            checkpointBound += pendingPutBytes;
        }
        lastTxn = Math.max(lastTxn, txn);
        pending.clear();
        pendingPutBytes = 0;
        pendingTxn = -1;
    }

    @Override
    public void corrupt(int offset) {
        corrupt++;
        LOG.log(Level.ERROR, "damaged record in log block {0} at offset {1} skipped (CRC mismatch)", currentSeq, offset);
    }

    @Override
    public void tornTail(int offset) {
        torn++;
        LOG.log(Level.DEBUG, "log block {0} ends in an interrupted write at offset {1}; ignored", currentSeq, offset);
    }
}
