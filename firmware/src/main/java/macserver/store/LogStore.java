package macserver.store;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 * go on meanwhile.
 *
 * <h2>Checkpoints</h2>
 * Written in the background ({@link #checkpointInBackground}), a slice at a time: the checkpoint
 * thread holds the owner's writers off only while it lists one slice (about
 * {@link #SLICE_NANOS} of work) into the write buffer, and the slice goes to flash like any transaction. Transactions
 * committed meanwhile land between the slices; each slice holds the values its keys had at its
 * place in the log, so replaying the log in order from the checkpoint's start gives the state. The
 * checkpoint becomes the log's base only when its END is on flash. A background checkpoint needs
 * room for one more copy of the live data beside the old checkpoint and the reserve; when the flash
 * is too full for that, or space runs out before it ends, {@code append} writes the whole checkpoint
 * itself under the owner's write lock (the owner's read lock, taken by {@link SnapshotSource}, is
 * reentrant there).
 */
public final class LogStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("macserver.store");
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
    private final Condition checkpointWanted = appendLock.newCondition();

    /**
     * Items in the first slice of a background checkpoint; later slices are sized to take about
     * {@link #SLICE_NANOS} to list, which is what the owner's writers wait for at most.
     */
    static final int SLICE_RECORDS = 512;
    static final long SLICE_NANOS = 1_000_000;
    private static final int SLICE_RECORDS_MAX = 1 << 16;
    /**
     * Slice bytes the checkpoint thread lists before it waits for them to reach the flash. A
     * slice needs no flush of its own (the checkpoint counts only once its END is on flash), and on
     * a file-backed flash every flush is a sync: one per slice made a checkpoint of 1,000,000
     * bindings take minutes on a busy disk. But a commit that comes meanwhile flushes the slices
     * listed before its own records (and may first wait for the checkpoint thread's own flush, as a
     * flight recording of console commits showed), so this is also what a commit may have to
     * carry: 512 KiB would be 256 pages, about 80 ms, on NAND at 300 µs a page; 64 KiB is about
     * 10 ms there, and one sync per 64 KiB on a file.
     */
    static final int SLICE_FLUSH_BYTES = 64 * 1024;

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
    private long backgroundCheckpoints;
    /** Flushes begun and ended, so that a slice knows which flush carries it. */
    private long flushesStarted;
    private long flushesDone;
    private boolean backgroundDue;
    private Background background;
    private Thread checkpointThread;

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
            if (background != null) {
                background.newBound += putBytes;
                background.logBytes += encoded;
            } else if (!backgroundDue && source != null && backgroundWanted()) {
                backgroundDue = true;
                checkpointWanted.signalAll();
            }
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
            flushWhile(() -> durable < ticket, "writing to flash failed, the change is not stored: ");
        } finally {
            appendLock.unlock();
        }
    }

    /** Holds appendLock: while {@code waiting} holds, waits for the running flush or leads the next one. */
    private void flushWhile(java.util.function.BooleanSupplier waiting, String failed) throws IOException {
        while (waiting.getAsBoolean()) {
            if (failure != null) {
                throw new IOException(failed + failure.getMessage(), failure);
            }
            if (flushing) {
                flushDone.awaitUninterruptibly();
            } else {
                leadFlush();
            }
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
            background = null;
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
                        checkpoints, backgroundCheckpoints, mountNanos, bytesSinceCheckpoint);
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
                checkpointWanted.signalAll();
            }
        } finally {
            appendLock.unlock();
        }
        Thread t = checkpointThread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts the thread that writes checkpoints in the background, so that commits never wait for
     * one; without it, {@code append} writes each checkpoint itself (tests drive {@link #checkpointStep}).
     */
    public void checkpointInBackground() {
        appendLock.lock();
        try {
            if (checkpointThread != null || closed) {
                return;
            }
            checkpointThread = Thread.ofPlatform().daemon().name("store-checkpoint").unstarted(this::checkpointLoop);
            checkpointThread.start();
        } finally {
            appendLock.unlock();
        }
    }

    private void checkpointLoop() {
        while (true) {
            appendLock.lock();
            try {
                while (!closed && !backgroundDue && background == null) {
                    checkpointWanted.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
            } finally {
                appendLock.unlock();
            }
            try {
                while (checkpointStep()) {
                    // one slice per step; writers get the owner's lock between steps
                }
            } catch (IOException e) {
                // The flash failed: kept and reported to every waiter, as for any failed flush.
                LOG.log(Level.SEVERE, "background checkpoint failed: " + e);
                appendLock.lock();
                try {
                    background = null;
                    backgroundDue = false;
                    fail(e);
                } finally {
                    appendLock.unlock();
                }
                return;
            } catch (RuntimeException e) {
                // A bug, not the flash: this checkpoint is dropped (what it wrote is harmless to
                // replay) and the thread stays, so the next one is tried when it is due.
                LOG.log(Level.SEVERE, "background checkpoint dropped", e);
                appendLock.lock();
                try {
                    background = null;
                    backgroundDue = false;
                } finally {
                    appendLock.unlock();
                }
            }
        }
    }

    /**
     * Does one step of a background checkpoint when one is due: its start, one slice, or its end
     * after the last slice. Called by the checkpoint thread, or directly by tests.
     *
     * @return whether more steps remain
     */
    public boolean checkpointStep() throws IOException {
        Background bg;
        SnapshotSource src;
        appendLock.lock();
        try {
            if (closed || failure != null || source == null) {
                backgroundDue = false;
                return false;
            }
            if (background == null) {
                if (!backgroundDue) {
                    return false;
                }
                backgroundDue = false;
                return beginBackground();
            }
            bg = background;
            src = source;
        } finally {
            appendLock.unlock();
        }
        long[] flush = {-1};
        src.holdingWriters(() -> flush[0] = appendSlice(bg, src));
        if (flush[0] < 0) {
            return false;
        }
        bg.unflushedBytes += bg.slice.length();
        if (bg.nextKey >= 0 && bg.unflushedBytes < SLICE_FLUSH_BYTES) {
            return true;
        }
        awaitFlush(flush[0]);
        bg.unflushedBytes = 0;
        if (bg.nextKey >= 0) {
            return true;
        }
        finishBackground(bg);
        return false;
    }

    public FlashDevice device() {
        return dev;
    }

    // Holds appendLock on entry and on return; releases it while programming.
    private void leadFlush() {
        leadFlush(null);
    }

    /** Writes a checkpoint's own records after a flush's batch, under ioLock only. */
    private interface AfterBatch {
        void write(LogWriter writer) throws IOException;
    }

    /**
     * Holds appendLock on entry and on return, and no flush runs; releases it while programming,
     * so that appends go on. {@code after}, when given, adds its records behind the batch.
     *
     * @return false when the flash write failed (the failure is kept)
     */
    private boolean leadFlush(AfterBatch after) {
        RecordBuffer batch = pending;
        pending = spare;
        spare = null;
        long reserve = pendingReserve;
        pendingReserve = 0;
        long last = lastAppended;
        flushing = true;
        flushesStarted++;
        ioLock.lock();
        appendLock.unlock();
        IOException error = null;
        long version = 0;
        long free = 0;
        try {
            checkWriter();
            writer.write(batch.bytes(), batch.length());
            if (after != null) {
                after.write(writer);
            }
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
        flushesDone++;
        reserved -= reserve;
        if (error != null) {
            fail(error);
        } else {
            publish(version, free);
            durable = Math.max(durable, last);
        }
        flushDone.signalAll();
        return error == null;
    }

    // Holds appendLock.
    private void ensureSpace(long cost, long putBytes, boolean removalOnly) throws StoreFullException {
        boolean fits = budget.fits(publishedFree - reserved, cost, checkpointBound + putBytes, removalOnly);
        // The replay limit bounds mount time, softly: while a background checkpoint is due or under
        // way it may run over, up to twice, rather than make this commit write a whole checkpoint.
        long replayLimit = Math.max(options.replayLimitBytes(), checkpointBound);
        boolean replayTooLong = bytesSinceCheckpoint > (background != null || backgroundDue ? 2 * replayLimit : replayLimit);
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
        // A background checkpoint still running is dropped: what it wrote stays in the log as values
        // the state had, harmless to replay, and the new checkpoint supersedes it.
        background = null;
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

    /**
     * A background checkpoint is worth starting: the log since the last one is half way to the
     * replay limit, or the room left beyond the reserve is down to two checkpoints' worth.
     */
    // Holds appendLock.
    private boolean backgroundWanted() {
        if (failure != null) {
            return false;
        }
        long limit = Math.max(options.replayLimitBytes(), checkpointBound);
        return bytesSinceCheckpoint > limit / 2
                || !budget.fits(publishedFree - reserved, 2 * (checkpointBound + budget.checkpointMargin()), checkpointBound, false);
    }

    /**
     * Writes what is buffered and the checkpoint's BEGIN, which covers every transaction appended
     * so far. Holds appendLock; false when there is no room for a copy of the live data beside the
     * reserve (the next checkpoint is then written inside {@code append}).
     */
    private boolean beginBackground() {
        if (!budget.fits(publishedFree - reserved, checkpointBound + budget.checkpointMargin(), checkpointBound, false)) {
            return false;
        }
        while (flushing) {
            flushDone.awaitUninterruptibly();
        }
        // Made before the write, since transactions appended during it already follow the BEGIN.
        Background bg = new Background(++lastCheckpointId);
        background = bg;
        long covered = lastAppended;
        boolean written = leadFlush(w -> {
            RecordBuffer marker = new RecordBuffer(64);
            marker.marker(RecordFormat.CHECKPOINT_BEGIN, bg.id, covered, 8);
            bg.start = w.place(marker.bytes(), 0, marker.length());
        });
        if (!written && background == bg) {
            background = null;
        }
        return background == bg;
    }

    /**
     * Runs with the owner's writers held off: lists the next slice and puts it in the write buffer
     * after every transaction appended so far. Returns the number of the flush that will carry it,
     * or -1 when the checkpoint was dropped meanwhile or there is no room left for it.
     */
    private long appendSlice(Background bg, SnapshotSource src) {
        RecordBuffer slice = bg.slice;
        slice.clear();
        long[] itemsAndBytes = new long[2];
        long started = System.nanoTime();
        long next = src.snapshotSlice(bg.nextKey, bg.sliceRecords, new RecordSink() {
            @Override
            public void put(long key, byte[] value) {
                if (value.length > options.maxValueSize()) {
                    throw new IllegalStateException("live value of " + value.length + " bytes is over the limit");
                }
                slice.put(key, value);
                itemsAndBytes[0]++;
                itemsAndBytes[1] += RecordFormat.putSize(value);
            }

            @Override
            public void delete(long key) {
                throw new IllegalStateException("a snapshot lists live records only");
            }
        });
        long took = Math.max(1, System.nanoTime() - started);
        if (itemsAndBytes[0] == bg.sliceRecords) {
            // At most double from one slice to the next: the first ones run before the JIT has warmed up.
            long scaled = bg.sliceRecords * SLICE_NANOS / took;
            bg.sliceRecords = (int) Math.clamp(scaled, SLICE_RECORDS / 4, Math.min(2L * bg.sliceRecords, SLICE_RECORDS_MAX));
        }
        appendLock.lock();
        try {
            if (background != bg || closed) {
                return -1;
            }
            long cost = RecordFormat.size(16) + slice.length() + budget.flushSlack();
            if (!budget.fits(publishedFree - reserved, cost, checkpointBound, false)) {
                background = null;
                return -1;
            }
            pending.marker(RecordFormat.CHECKPOINT_RESUME, bg.id, bg.items, 8);
            pending.append(slice);
            pendingReserve += cost;
            reserved += cost;
            bg.items += itemsAndBytes[0];
            bg.newBound += itemsAndBytes[1];
            bg.nextKey = next;
            return flushesStarted + 1;
        } finally {
            appendLock.unlock();
        }
    }

    /** Waits until flush number {@code n} has ended, leading it when no flush runs. */
    private void awaitFlush(long n) throws IOException {
        appendLock.lock();
        try {
            flushWhile(() -> flushesDone < n && !closed, "writing to flash failed: ");
        } finally {
            appendLock.unlock();
        }
    }

    /** Writes the END after the last slice and makes the checkpoint the log's base. */
    private void finishBackground(Background bg) {
        appendLock.lock();
        try {
            while (flushing) {
                flushDone.awaitUninterruptibly();
            }
            if (background != bg || closed) {
                return;
            }
            boolean written = leadFlush(w -> {
                RecordBuffer marker = new RecordBuffer(64);
                marker.marker(RecordFormat.CHECKPOINT_END, bg.id, bg.items, 8);
                w.place(marker.bytes(), 0, marker.length());
                w.commitCheckpoint(bg.start);
            });
            if (background != bg) {
                return; // a checkpoint written by a commit meanwhile superseded this one
            }
            background = null;
            if (written) {
                checkpointBound = bg.newBound;
                bytesSinceCheckpoint = bg.logBytes;
                checkpoints++;
                backgroundCheckpoints++;
            }
        } finally {
            appendLock.unlock();
        }
    }

    /** A background checkpoint under way. Its fields are guarded by appendLock, but for {@code slice}. */
    private static final class Background {
        final long id;
        /** Where its BEGIN landed; set by the flush that writes it. */
        LogWriter.Position start;
        /** Used only by the checkpoint thread, to list a slice before taking appendLock. */
        final RecordBuffer slice = new RecordBuffer(4096);
        /** The size of the next slice, likewise the checkpoint thread's own. */
        int sliceRecords = SLICE_RECORDS;
        long nextKey;
        long items;
        /** What the live data will take once this checkpoint is the base: its slices and the puts since it began. */
        long newBound;
        /** Log bytes of the transactions since it began: what a mount will replay after it. */
        long logBytes;
        /** Bytes of the slices listed since the last flush the checkpoint thread waited for; its own. */
        long unflushedBytes;

        Background(long id) {
            this.id = id;
        }
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
