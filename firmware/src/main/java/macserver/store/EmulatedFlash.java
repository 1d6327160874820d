package macserver.store;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Flash emulated in memory or a file, enforcing the rules a NAND chip enforces, so that code which
 * passes against the emulation does not break on the real part. Subclasses only move bytes.
 */
public abstract class EmulatedFlash implements FlashDevice {
    private final FlashGeometry geometry;
    private final long[] eraseCounts;
    /** Pages erased by this object and not programmed since: they need no read-back to check the rule. */
    private final BitSet knownErased = new BitSet();
    /**
     * An erased block's bytes, made once: a checkpoint of a million bindings erases hundreds of
     * blocks, and a new array per erase was most of what the checkpoint thread allocated.
     */
    private final byte[] erasedBlock;

    protected EmulatedFlash(FlashGeometry geometry) {
        this.geometry = geometry;
        this.eraseCounts = new long[geometry.blockCount()];
        this.erasedBlock = new byte[geometry.eraseBlockSize()];
        Arrays.fill(erasedBlock, ERASED);
    }

    protected abstract void readRaw(long offset, byte[] dst, int dstOff, int len) throws IOException;

    protected abstract void writeRaw(long offset, byte[] src, int srcOff, int len) throws IOException;

    protected abstract boolean badFlag(int block) throws IOException;

    protected abstract void setBadFlag(int block) throws IOException;

    @Override
    public final FlashGeometry geometry() {
        return geometry;
    }

    @Override
    public synchronized void read(long offset, byte[] dst, int dstOff, int len) throws IOException {
        checkRange(offset, len);
        readRaw(offset, dst, dstOff, len);
    }

    @Override
    public synchronized void program(long offset, byte[] src, int srcOff, int len) throws IOException {
        int page = geometry.pageSize();
        if (offset % page != 0 || len % page != 0) {
            throw new FlashException("program must cover whole pages: offset " + offset + ", length " + len);
        }
        checkRange(offset, len);
        for (int b = geometry.blockOf(offset); b <= geometry.blockOf(offset + len - 1); b++) {
            if (badFlag(b)) {
                throw new FlashException("program into bad block " + b);
            }
        }
        int first = (int) (offset / page);
        int pages = len / page;
        if (knownErased.nextClearBit(first) < first + pages) {
            byte[] current = new byte[len];
            readRaw(offset, current, 0, len);
            for (int i = 0; i < len; i++) {
                if (current[i] != ERASED) {
                    throw new FlashException("page at offset " + (offset + i / page * page) + " is not erased");
                }
            }
        }
        writeRaw(offset, src, srcOff, len);
        knownErased.clear(first, first + pages);
    }

    @Override
    public synchronized void erase(int block) throws IOException {
        checkBlock(block);
        if (badFlag(block)) {
            throw new FlashException("erase of bad block " + block);
        }
        writeRaw(geometry.blockOffset(block), erasedBlock, 0, erasedBlock.length);
        eraseCounts[block]++;
        int perBlock = geometry.pagesPerBlock();
        knownErased.set(block * perBlock, (block + 1) * perBlock);
    }

    @Override
    public synchronized boolean isBad(int block) throws IOException {
        checkBlock(block);
        return badFlag(block);
    }

    @Override
    public synchronized void markBad(int block) throws IOException {
        checkBlock(block);
        setBadFlag(block);
    }

    /** Erases of a block since this object was made: the wear the device saw, for tests and benchmarks. */
    public synchronized long eraseCount(int block) {
        checkBlock(block);
        return eraseCounts[block];
    }

    private void checkRange(long offset, int len) throws FlashException {
        if (offset < 0 || len < 0 || offset + len > geometry.totalBytes()) {
            throw new FlashException("range " + offset + "+" + len + " is outside the device (" + geometry.totalBytes() + " bytes)");
        }
    }

    private void checkBlock(int block) {
        if (block < 0 || block >= geometry.blockCount()) {
            throw new IndexOutOfBoundsException("block " + block + " of " + geometry.blockCount());
        }
    }
}
