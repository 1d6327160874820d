package macserver.store;

import java.util.Arrays;

/** Flash held in memory, starting fully erased; for tests and power-cut simulation. */
public final class RamFlash extends EmulatedFlash {
    private final byte[] cells;
    private final boolean[] bad;

    public RamFlash(FlashGeometry geometry) {
        super(geometry);
        this.cells = new byte[Math.toIntExact(geometry.totalBytes())];
        this.bad = new boolean[geometry.blockCount()];
        Arrays.fill(cells, ERASED);
    }

    @Override
    protected void readRaw(long offset, byte[] dst, int dstOff, int len) {
        System.arraycopy(cells, (int) offset, dst, dstOff, len);
    }

    @Override
    protected void writeRaw(long offset, byte[] src, int srcOff, int len) {
        System.arraycopy(src, srcOff, cells, (int) offset, len);
    }

    @Override
    protected boolean badFlag(int block) {
        return bad[block];
    }

    @Override
    protected void setBadFlag(int block) {
        bad[block] = true;
    }

    /** Changes stored bits behind the store's back, as a failing cell or a torn write would. */
    public synchronized void corrupt(long offset, int xorMask) {
        cells[Math.toIntExact(offset)] ^= (byte) xorMask;
    }

    @Override
    public void close() {
    }
}
