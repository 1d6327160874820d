package macserver.store;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Wraps a device and cuts the power at the N-th program or erase, as littlefs's emulated block device
 * does. The interrupted operation can be lost whole, or torn: part of it done and the rest left erased
 * or filled with garbage. After the cut every call fails until the test mounts the inner device again.
 */
public final class FaultyFlash implements FlashDevice {

    /** What the interrupted operation leaves behind. */
    public enum Tear {
        /** Nothing: the cut came just before the operation. */
        NONE,
        /** A prefix of the operation is done; the rest of the range reads as erased. */
        ERASED_REST,
        /** A prefix is done; the page where it stopped holds garbage (an erase leaves pages of garbage). */
        GARBAGE_REST
    }

    private final FlashDevice inner;
    private final long cutAt;
    private final Tear tear;
    private final Random random;
    private final Set<Integer> failingErases = new HashSet<>();
    private long operations;
    private boolean dead;

    /** @param cutAt the 1-based program/erase that the cut interrupts; 0 or less never cuts */
    public FaultyFlash(FlashDevice inner, long cutAt, Tear tear, long seed) {
        this.inner = inner;
        this.cutAt = cutAt;
        this.tear = tear;
        this.random = new Random(seed);
    }

    public static FaultyFlash neverCut(FlashDevice inner) {
        return new FaultyFlash(inner, 0, Tear.NONE, 0);
    }

    /** Programs and erases started so far, the interrupted one included. */
    public synchronized long operations() {
        return operations;
    }

    public synchronized boolean powerCut() {
        return dead;
    }

    /** Makes every erase of {@code block} fail as a worn-out block does. */
    public synchronized void failErasesOf(int block) {
        failingErases.add(block);
    }

    @Override
    public FlashGeometry geometry() {
        return inner.geometry();
    }

    @Override
    public synchronized void read(long offset, byte[] dst, int dstOff, int len) throws IOException {
        checkAlive();
        inner.read(offset, dst, dstOff, len);
    }

    @Override
    public synchronized void program(long offset, byte[] src, int srcOff, int len) throws IOException {
        if (nextOperationIsCut()) {
            tornProgram(offset, src, srcOff, len);
            throw cut("program at " + offset);
        }
        inner.program(offset, src, srcOff, len);
    }

    @Override
    public synchronized void erase(int block) throws IOException {
        if (nextOperationIsCut()) {
            tornErase(block);
            throw cut("erase of block " + block);
        }
        if (failingErases.contains(block)) {
            throw new FlashException("erase of block " + block + " failed (simulated wear-out)");
        }
        inner.erase(block);
    }

    @Override
    public synchronized boolean isBad(int block) throws IOException {
        checkAlive();
        return inner.isBad(block);
    }

    @Override
    public synchronized void markBad(int block) throws IOException {
        checkAlive();
        inner.markBad(block);
    }

    @Override
    public synchronized void sync() throws IOException {
        checkAlive();
        inner.sync();
    }

    /** Closing after a cut is allowed: the test still owns the inner device. */
    @Override
    public void close() {
    }

    private boolean nextOperationIsCut() throws PowerCutException {
        checkAlive();
        operations++;
        return operations == cutAt;
    }

    private PowerCutException cut(String what) {
        dead = true;
        return new PowerCutException("power cut during " + what + " (operation " + operations + ", " + tear + ")");
    }

    private void checkAlive() throws PowerCutException {
        if (dead) {
            throw new PowerCutException("the power is off");
        }
    }

    private void tornProgram(long offset, byte[] src, int srcOff, int len) throws IOException {
        if (tear == Tear.NONE) {
            return;
        }
        int page = geometry().pageSize();
        int done = random.nextInt(len);
        byte[] image = new byte[len];
        Arrays.fill(image, ERASED);
        System.arraycopy(src, srcOff, image, 0, done);
        if (tear == Tear.GARBAGE_REST) {
            int pageEnd = (done / page + 1) * page;
            for (int i = done; i < pageEnd; i++) {
                image[i] = (byte) random.nextInt(256);
            }
        }
        inner.program(offset, image, 0, len);
    }

    private void tornErase(int block) throws IOException {
        if (tear == Tear.NONE) {
            return;
        }
        FlashGeometry g = geometry();
        byte[] old = new byte[g.eraseBlockSize()];
        inner.read(g.blockOffset(block), old, 0, old.length);
        inner.erase(block);
        int erasedPages = random.nextInt(g.pagesPerBlock());
        int from = erasedPages * g.pageSize();
        byte[] rest = Arrays.copyOfRange(old, from, old.length);
        if (tear == Tear.GARBAGE_REST) {
            random.nextBytes(rest);
        }
        inner.program(g.blockOffset(block) + from, rest, 0, rest.length);
    }
}
