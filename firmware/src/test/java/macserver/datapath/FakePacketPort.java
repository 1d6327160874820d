package macserver.datapath;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A packet port in memory: frames queued by the test are received, sent frames are kept. */
final class FakePacketPort implements PacketPort {
    /** Queued in place of a frame: the next receive fails with this errno. */
    static final byte[] RECEIVE_ERROR = new byte[0];

    final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
    final List<byte[]> sent = new CopyOnWriteArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();
    volatile DataPathException sendFailure;

    /** Like recvmmsg: waits for the first frame, then takes the queued ones up to the capacity or an error marker. */
    @Override
    public int receive(ReceiveBatch batch) throws DataPathException {
        if (closed.get()) {
            throw new AssertionError("receive on a closed port");
        }
        byte[] frame;
        try {
            frame = incoming.poll(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        if (frame == RECEIVE_ERROR) {
            throw DataPathException.ofErrno("recvmmsg", 100);
        }
        int n = 0;
        while (frame != null) {
            MemorySegment slot = batch.slot(n);
            int length = (int) Math.min(frame.length, slot.byteSize());
            MemorySegment.copy(frame, 0, slot, ValueLayout.JAVA_BYTE, 0, length);
            batch.setLength(n++, length);
            frame = n < batch.capacity() && incoming.peek() != RECEIVE_ERROR ? incoming.poll() : null;
        }
        return n;
    }

    @Override
    public void send(MemorySegment frame, int length) throws DataPathException {
        if (closed.get()) {
            throw new DataPathException("closed");
        }
        if (sendFailure != null) {
            throw sendFailure;
        }
        sent.add(frame.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE));
    }

    @Override
    public long kernelDrops() {
        return 3;
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
