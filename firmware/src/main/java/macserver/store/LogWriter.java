package macserver.store;

import java.io.IOException;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lays records out on flash: fills the head block page by page, programs whole pages only, and
 * opens the next free block (round-robin) when a record does not fit. Each opened block is erased
 * and gets its header page at once, so its erase count and the checkpoint pointer are on flash
 * before any data goes there. After a mount the writer never appends to a block written before it,
 * since a power cut may have left that block's last page unstable.
 *
 * <p>Not thread-safe: {@link LogStore} calls it under its I/O lock.
 */
final class LogWriter {
    private static final Logger LOG = Logger.getLogger("macserver.store");
    /** Program in runs of this many pages while a large batch or a checkpoint is being written. */
    private static final int PROGRAM_RUN_PAGES = 16;

    private final FlashDevice dev;
    private final BlockTable table;
    private final SpaceBudget budget;
    private final int pageSize;
    private final int blockSize;
    private final byte[] image;

    private int head = -1;
    private long nextSeq;
    private int writeAt;
    private int programmedTo;
    private long checkpointSeq;
    private int checkpointOffset;
    private boolean emptyStateAtNextBlock;
    private long bytesProgrammed;
    private long erases;
    private long version;

    /**
     * @param lastBlock the newest block in the log (-1 if none): allocation continues after it
     * @param nextSeq   the sequence number the next opened block gets
     */
    LogWriter(FlashDevice dev, BlockTable table, SpaceBudget budget, int lastBlock, long nextSeq,
              long checkpointSeq, int checkpointOffset) {
        this.dev = dev;
        this.table = table;
        this.budget = budget;
        this.pageSize = dev.geometry().pageSize();
        this.blockSize = dev.geometry().eraseBlockSize();
        this.image = new byte[blockSize];
        this.head = lastBlock;
        this.nextSeq = nextSeq;
        this.writeAt = blockSize;
        this.programmedTo = blockSize;
        this.checkpointSeq = checkpointSeq;
        this.checkpointOffset = checkpointOffset;
        this.emptyStateAtNextBlock = lastBlock < 0;
    }

    /** Where a record just written starts: its block's sequence number and byte offset. */
    record Position(long seq, int offset) {
    }

    /** Adds every record in {@code buf[0, len)} to the log; full pages may be programmed on the way. */
    void write(byte[] buf, int len) throws IOException {
        int pos = 0;
        while (pos < len) {
            int recLen = RecordFormat.size(((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF));
            place(buf, pos, recLen);
            pos += recLen;
        }
    }

    /** Adds one record and tells where it landed. */
    Position place(byte[] buf, int off, int len) throws IOException {
        if (len > blockSize - pageSize) {
            throw new IllegalArgumentException("record of " + len + " bytes does not fit in an erase block");
        }
        int pageRest = pageSize - writeAt % pageSize;
        if (pageRest < RecordFormat.HEADER) {
            writeAt += pageRest;
        }
        if (head < 0 || writeAt + len > blockSize) {
            openNextBlock();
        }
        System.arraycopy(buf, off, image, writeAt, len);
        Position where = new Position(table.seq(head), writeAt);
        writeAt += len;
        version++;
        if (writeAt - programmedTo >= PROGRAM_RUN_PAGES * pageSize) {
            programUpTo(writeAt / pageSize * pageSize);
        }
        return where;
    }

    /** Programs everything written so far, the last partial page included; the next record starts on a new page. */
    void flush() throws IOException {
        if (head >= 0 && writeAt > programmedTo) {
            int end = Math.min(blockSize, (writeAt + pageSize - 1) / pageSize * pageSize);
            programUpTo(end);
            writeAt = end;
        }
        dev.sync();
    }

    /**
     * Makes the checkpoint starting at {@code start} the base of the log: opens a new block whose
     * header points at it, and once that header is on flash frees every older block.
     */
    void commitCheckpoint(Position start) throws IOException {
        flush();
        checkpointSeq = start.seq();
        checkpointOffset = start.offset();
        openNextBlock();
        dev.sync();
    }

    /** The next block opened starts an empty log (first use, or a wipe). */
    void startEmptyLog() throws IOException {
        flush();
        emptyStateAtNextBlock = true;
        openNextBlock();
        dev.sync();
    }

    /** Erases every free block and writes a header holding only its erase count, so wear is kept across a wipe. */
    void eraseFreeBlocks() throws IOException {
        for (int b = 0; b < table.blockCount(); b++) {
            if (table.isFree(b) && eraseOrRetire(b)) {
                programHeader(b, BlockHeader.free(table.eraseCount(b)));
            }
        }
    }

    /** Bytes that can still take records, keeping the reserve blocks aside. */
    long freeBytes() {
        long blocks = Math.max(0, table.freeBlocks() - budget.reserveBlocks());
        long inHead = head >= 0 && table.inLog(head) ? Math.max(0, blockSize - writeAt - budget.maxRecordLength()) : 0;
        return blocks * budget.usablePerBlock() + inHead;
    }

    /** Grows with every change to the layout, so that stale free-space figures can be told from fresh ones. */
    long version() {
        return version;
    }

    long bytesProgrammed() {
        return bytesProgrammed;
    }

    long erases() {
        return erases;
    }

    private void programUpTo(int end) throws IOException {
        int from = programmedTo;
        dev.program(dev.geometry().blockOffset(head) + from, image, from, end - from);
        bytesProgrammed += end - from;
        programmedTo = end;
    }

    private void openNextBlock() throws IOException {
        if (head >= 0 && writeAt > programmedTo && table.inLog(head)) {
            programUpTo(Math.min(blockSize, (writeAt + pageSize - 1) / pageSize * pageSize));
        }
        int block;
        do {
            block = table.nextFree(head);
            if (block < 0) {
                throw new FlashException("no free erase block left");
            }
            head = block;
        } while (!eraseOrRetire(block));
        long seq = nextSeq++;
        if (emptyStateAtNextBlock) {
            checkpointSeq = seq;
            checkpointOffset = pageSize;
        }
        programHeader(block, new BlockHeader(seq, table.eraseCount(block), checkpointSeq, checkpointOffset));
        table.opened(block, seq);
        if (emptyStateAtNextBlock || table.logStart() != checkpointSeq) {
            // The header above now points at the new base, so everything older is garbage.
            table.setLogStart(checkpointSeq);
            emptyStateAtNextBlock = false;
        }
        Arrays.fill(image, FlashDevice.ERASED);
        writeAt = pageSize;
        programmedTo = pageSize;
        version++;
    }

    /** Erases {@code block}; a block that fails to erase is worn out and marked bad instead. */
    private boolean eraseOrRetire(int block) throws IOException {
        try {
            dev.erase(block);
        } catch (PowerCutException e) {
            throw e;
        } catch (FlashException e) {
            LOG.log(Level.WARNING, "erase block {0} failed, marking it bad: {1}", new Object[] {block, e.getMessage()});
            dev.markBad(block);
            table.markBad(block);
            version++;
            return false;
        }
        table.erased(block);
        erases++;
        return true;
    }

    private void programHeader(int block, BlockHeader header) throws IOException {
        byte[] page = new byte[pageSize];
        Arrays.fill(page, FlashDevice.ERASED);
        byte[] text = header.encode();
        System.arraycopy(text, 0, page, 0, text.length);
        dev.program(dev.geometry().blockOffset(block), page, 0, pageSize);
        bytesProgrammed += pageSize;
    }
}
