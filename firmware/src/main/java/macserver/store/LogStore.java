package macserver.store;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The power-loss-safe store: an append-only log of CRC-protected records on a {@link FlashDevice},
 * one transaction per CLI command, with checkpoints that bound mount time and reclaim space.
 *
 * <h2>Use</h2>
 * Under the owner's write lock: {@link #append} the transaction (quick: it only buffers and reserves
 * space), then apply it to the model. After releasing the lock: {@link #awaitDurable} with the
 * returned ticket, and acknowledge the command only when it returns.
 *
 * <h2>Group commit</h2>
 * Leader/follower: the first waiter that finds no flush running takes every buffered transaction
 * and writes it; the others wait and are served by that flush or take the next one. One page
 * program then covers many transactions, and no extra thread exists.
 *
 * <h2>Locks</h2>
 * Always in this order: the owner's lock, then {@code appendLock} (buffer, tickets, space), then
 * {@code ioLock} (the flash). A flush leader holds only {@code ioLock} while it programs, so appends
 * go on meanwhile. A checkpoint runs inside {@code append}, holding the owner's write lock (it calls
 * the {@link SnapshotSource}, which takes the owner's read lock: reentrant) and both store locks.
 */
public final class LogStore implements AutoCloseable {
    private final FlashDevice dev;
    private final StoreOptions options;
    private final SpaceBudget budget;
    private final BlockTable table;
    private final LogWriter writer;
    private final long mountNanos;
    private final long corruptRecords;
    private final long tornTails;
    private final StoreDamage damage;

    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition flushDone = appendLock.newCondition();
    private final ReentrantLock ioLock = new ReentrantLock();

    // Guarded by appendLock.
    private RecordBuffer pending = new RecordBuffer(4096);
    private RecordBuffer spare = new RecordBuffer(4096);
    private long pendingReserve;
    private long reserved;
    private long publishedFree;
    private long publishedVersion = -1;
    private long lastAppended;
    private long durable;
    private boolean flushing;
    private boolean closed;
    private IOException failure;
    private SnapshotSource source;
    private long checkpointBound;
    private long bytesSinceCheckpoint;
    private long lastCheckpointId;
    private long userBytes;
    private long transactions;
    private long checkpoints;

    // Guarded by ioLock: once the writer has failed, its view of the flash can no longer be trusted.
    private IOException writerFailure;

    private LogStore(FlashDevice dev, StoreOptions options, Recovery.Result found, long mountNanos) {
        this.dev = dev;
        this.options = options;
        this.budget = new SpaceBudget(dev.geometry(), options.maxRecordLength(), options.reserveBlocksFor(dev.geometry()));
        this.table = found.table();
        this.writer = new LogWriter(dev, table, budget, found.newestBlock(), found.nextSeq(),
                found.checkpointSeq(), found.checkpointOffset());
        this.mountNanos = mountNanos;
        this.corruptRecords = found.corruptRecords();
        this.tornTails = found.tornTails();
        this.damage = found.damage();
        this.lastAppended = found.lastTxn();
        this.durable = found.lastTxn();
        this.lastCheckpointId = found.lastCheckpointId();
        this.checkpointBound = found.checkpointBound();
        this.bytesSinceCheckpoint = found.bytesSinceCheckpoint();
        publish(writer.version(), writer.freeBytes());
    }

    /**
     * Mounts the store: replays the newest valid checkpoint and the log after it into {@code sink}
     * (puts and deletes, ending in the stored state). Blank or foreign flash mounts as an empty store.
     * Damaged records are skipped and counted in {@link #stats()}, never delivered, and a transaction
     * that damage touched is left out whole and listed in {@link #damage()}. Mount only reads.
     */
    public static LogStore mount(FlashDevice dev, StoreOptions options, RecordSink sink) throws IOException {
        long start = System.nanoTime();
        new SpaceBudget(dev.geometry(), options.maxRecordLength(), options.reserveBlocksFor(dev.geometry()));
        Recovery.Result found = Recovery.mount(dev, sink);
        return new LogStore(dev, options, found, System.nanoTime() - start);
    }

    /** The owner's live state, listed when a checkpoint is due; without one the log can only grow. */
    public void setSnapshotSource(SnapshotSource source) {
        appendLock.lock();
        try {
            this.source = source;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Accepts a transaction into the write buffer; call under the owner's write lock, before applying
     * it. May write a checkpoint first when space runs low.
     *
     * @return the ticket to pass to {@link #awaitDurable}
     * @throws StoreFullException if it cannot fit even after reclaiming; nothing of it was accepted
     */
    public long append(List<StoreRecord> transaction) throws StoreFullException {
        int encoded = RecordFormat.size(8) + RecordFormat.size(16);
        long putBytes = 0;
        long keyValueBytes = 0;
        for (StoreRecord r : transaction) {
            if (r.isDelete()) {
                encoded += RecordFormat.size(8);
                keyValueBytes += 8;
            } else {
                if (r.value().length > options.maxValueSize()) {
                    throw new IllegalArgumentException("value of " + r.value().length + " bytes exceeds the limit of "
                            + options.maxValueSize());
                }
                encoded += RecordFormat.putSize(r.value());
                putBytes += RecordFormat.putSize(r.value());
                keyValueBytes += 8 + r.value().length;
            }
        }
        long cost = encoded + budget.flushSlack();
        appendLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            ensureSpace(cost, putBytes, putBytes == 0);
            long txn = ++lastAppended;
            pending.marker(RecordFormat.BEGIN, txn, 0, 0);
            TransactionDigest digest = new TransactionDigest();
            for (StoreRecord r : transaction) {
                digest.add(r.isDelete() ? pending.delete(r.key()) : pending.put(r.key(), r.value()));
            }
            pending.commit(txn, transaction.size(), digest.value());
            pendingReserve += cost;
            reserved += cost;
            checkpointBound += putBytes;
            bytesSinceCheckpoint += encoded;
            userBytes += keyValueBytes;
            transactions++;
            return txn;
        } finally {
            appendLock.unlock();
        }
    }

    /** Returns once the ticket's transaction and all before it are on flash; flushes them itself if no flush runs. */
    public void awaitDurable(long ticket) throws IOException {
        appendLock.lock();
        try {
            if (ticket > lastAppended) {
                throw new IllegalArgumentException("ticket " + ticket + " was never issued");
            }
            while (durable < ticket) {
                if (failure != null) {
                    throw new IOException("writing to flash failed, the change is not stored: " + failure.getMessage(), failure);
                }
                if (flushing) {
                    flushDone.awaitUninterruptibly();
                } else {
                    leadFlush();
                }
            }
        } finally {
            appendLock.unlock();
        }
    }

    /** Makes every transaction appended so far durable. */
    public void flush() throws IOException {
        long last;
        appendLock.lock();
        try {
            last = lastAppended;
        } finally {
            appendLock.unlock();
        }
        awaitDurable(last);
    }

    /**
     * Erases all stored data (reset-configuration). First an empty log is started in a new block, in
     * one header write, so a power cut at any point leaves either the old state or the empty one; then
     * every other block is erased, keeping its erase count.
     */
    public void wipe() throws IOException {
        appendLock.lock();
        try {
            while (flushing) {
                flushDone.awaitUninterruptibly();
            }
            ioLock.lock();
            try {
                checkWriter();
                reserved -= pendingReserve;
                pendingReserve = 0;
                pending.clear();
                writer.startEmptyLog();
                writer.eraseFreeBlocks();
                durable = lastAppended;
                checkpointBound = 0;
                bytesSinceCheckpoint = 0;
                publish(writer.version(), writer.freeBytes());
            } catch (IOException e) {
                writerFailure = e;
                fail(e);
                throw e;
            } finally {
                ioLock.unlock();
            }
            flushDone.signalAll();
        } finally {
            appendLock.unlock();
        }
    }

    /** What the mount found damaged: the transactions it left out, and why. */
    public StoreDamage damage() {
        return damage;
    }

    public StoreStats stats() {
        appendLock.lock();
        try {
            ioLock.lock();
            try {
                long[] wear = table.eraseSummary();
                int good = table.blockCount() - table.badBlocks();
                long capacity = budget.maxLiveBytes(good);
                return new StoreStats(checkpointBound, capacity, Math.max(0, capacity - checkpointBound),
                        writer.bytesProgrammed(), userBytes, transactions, writer.erases(), wear[0], wear[1],
                        good == 0 ? 0 : (double) wear[2] / good, table.badBlocks(), corruptRecords, tornTails,
                        checkpoints, mountNanos);
            } finally {
                ioLock.unlock();
            }
        } finally {
            appendLock.unlock();
        }
    }

    /** Flushes what is buffered. The device stays open: it belongs to the caller. */
    @Override
    public void close() throws IOException {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                if (failure == null) {
                    awaitDurable(lastAppended);
                }
            } finally {
                closed = true;
            }
        } finally {
            appendLock.unlock();
        }
    }

    public FlashDevice device() {
        return dev;
    }

    // Holds appendLock on entry and on return; releases it while programming.
    private void leadFlush() {
        RecordBuffer batch = pending;
        pending = spare;
        spare = null;
        long reserve = pendingReserve;
        pendingReserve = 0;
        long last = lastAppended;
        flushing = true;
        ioLock.lock();
        appendLock.unlock();
        IOException error = null;
        long version = 0;
        long free = 0;
        try {
            checkWriter();
            writer.write(batch.bytes(), batch.length());
            writer.flush();
            version = writer.version();
            free = writer.freeBytes();
        } catch (IOException e) {
            writerFailure = e;
            error = e;
        } catch (RuntimeException e) {
            writerFailure = new IOException("flash write failed: " + e, e);
            error = writerFailure;
        } finally {
            ioLock.unlock();
            appendLock.lock();
        }
        batch.clear();
        spare = batch;
        flushing = false;
        reserved -= reserve;
        if (error != null) {
            fail(error);
        } else {
            publish(version, free);
            durable = Math.max(durable, last);
        }
        flushDone.signalAll();
    }

    // Holds appendLock.
    private void ensureSpace(long cost, long putBytes, boolean removalOnly) throws StoreFullException {
        boolean fits = budget.fits(publishedFree - reserved, cost, checkpointBound + putBytes, removalOnly);
        boolean replayTooLong = bytesSinceCheckpoint > Math.max(options.replayLimitBytes(), checkpointBound);
        if (fits && !replayTooLong) {
            return;
        }
        if (source != null && failure == null) {
            checkpoint();
            fits = budget.fits(publishedFree - reserved, cost, checkpointBound + putBytes, removalOnly);
        }
        if (!fits) {
            throw new StoreFullException();
        }
    }

    // Holds appendLock. A failure is kept and reported by awaitDurable, as for any failed flush.
    private void checkpoint() {
        ioLock.lock();
        try {
            checkWriter();
            long last = lastAppended;
            // Transactions appended before the snapshot must precede it on flash.
            writer.write(pending.bytes(), pending.length());
            pending.clear();
            long live = Checkpointer.write(writer, source, ++lastCheckpointId, last);
            reserved -= pendingReserve;
            pendingReserve = 0;
            publish(writer.version(), writer.freeBytes());
            durable = Math.max(durable, last);
            checkpointBound = live;
            bytesSinceCheckpoint = 0;
            checkpoints++;
        } catch (IOException e) {
            writerFailure = e;
            fail(e);
        } catch (RuntimeException e) {
            writerFailure = new IOException("checkpoint failed: " + e, e);
            fail(writerFailure);
        } finally {
            ioLock.unlock();
        }
        flushDone.signalAll();
    }

    private void checkWriter() throws IOException {
        if (writerFailure != null) {
            throw writerFailure;
        }
    }

    private void publish(long version, long free) {
        if (version >= publishedVersion) {
            publishedVersion = version;
            publishedFree = free;
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        flushDone.signalAll();
    }
}
