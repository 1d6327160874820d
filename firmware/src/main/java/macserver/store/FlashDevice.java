package macserver.store;

import java.io.IOException;

/**
 * Raw flash with NAND rules: reads anywhere, programs only whole erased pages, erases whole blocks.
 * Implementations: {@link FileFlash} and {@link MtdFlash}; the tests add a RAM flash and a faulty one
 * (power cuts, worn blocks).
 */
public interface FlashDevice extends AutoCloseable {

    /** The value of every byte after an erase. */
    byte ERASED = (byte) 0xFF;

    FlashGeometry geometry();

    void read(long offset, byte[] dst, int dstOff, int len) throws IOException;

    /**
     * Programs whole pages starting at a page boundary.
     *
     * @throws FlashException if the range is not page-aligned, crosses the device end, or a page is not erased
     */
    void program(long offset, byte[] src, int srcOff, int len) throws IOException;

    /** Erases a whole block, setting every byte to {@link #ERASED}. */
    void erase(int block) throws IOException;

    boolean isBad(int block) throws IOException;

    void markBad(int block) throws IOException;

    /** Makes programmed data survive the loss of this process and the host; a no-op where writes are synchronous. */
    default void sync() throws IOException {
    }

    @Override
    void close() throws IOException;
}
