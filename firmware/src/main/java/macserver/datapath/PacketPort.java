package macserver.datapath;

import java.lang.foreign.MemorySegment;

/**
 * One link's frame I/O as the data path uses it: {@link RawSocket} on a router, a fake in tests.
 * One thread receives while others send.
 */
interface PacketPort extends AutoCloseable {
    /**
     * Waits up to the port's receive timeout for a frame, then fills the batch's slots with it
     * and the frames already queued behind it. Returns how many slots were filled, 0 when nothing
     * arrived; a slot whose {@link ReceiveBatch#length} is 0 holds nothing to deliver (a frame
     * that was ours). Longer frames are cut to {@link ReceiveBatch#SLOT_BYTES}.
     */
    int receive(ReceiveBatch batch) throws DataPathException;

    /**
     * Runs the port's native calls {@code rounds} times without receiving or sending a frame, so
     * they are compiled before real traffic comes; from the receiving thread. Returns the rounds
     * that went as planned. Ports without native calls have nothing to warm.
     */
    default int warmUp(ReceiveBatch batch, int rounds) {
        return rounds;
    }

    /** Transmits the first {@code length} bytes of {@code frame} as one frame. Thread-safe. */
    void send(MemorySegment frame, int length) throws DataPathException;

    /** Frames the kernel dropped for want of buffer space since the port was opened. */
    long kernelDrops();

    @Override
    void close();
}
