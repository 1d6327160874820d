package macserver.datapath;

import java.lang.foreign.MemorySegment;

/**
 * One link's frame I/O as the data path uses it: {@link RawSocket} on a router, a fake in tests.
 * One thread receives while others send.
 */
interface PacketPort extends AutoCloseable {
    /**
     * Waits up to the port's receive timeout for one frame and copies it to the start of
     * {@code buffer}. Returns its length, or 0 when nothing arrived (timeout, or a frame that
     * was ours). Longer frames are cut to the buffer's size.
     */
    int receive(MemorySegment buffer) throws DataPathException;

    /** Transmits the first {@code length} bytes of {@code frame} as one frame. Thread-safe. */
    void send(MemorySegment frame, int length) throws DataPathException;

    /** Frames the kernel dropped for want of buffer space since the port was opened. */
    long kernelDrops();

    @Override
    void close();
}
