package macserver.mactelnet;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;

/**
 * The client's keystrokes on their way to the terminal thread: a bounded ring the receive thread
 * fills without ever waiting ({@link #offer} takes what fits), and the terminal reads, waiting
 * for bytes. After {@link #close} reads drain what is left, then see the end of the stream.
 */
final class TerminalInput extends InputStream {

    private final byte[] ring;
    private int head;
    private int count;
    private boolean closed;

    TerminalInput(int capacity) {
        ring = new byte[capacity];
    }

    /** Copies as much of {@code src} (absolute offset and length) as fits; returns how much did. */
    synchronized int offer(ByteBuffer src, int offset, int length) {
        if (closed) {
            return 0;
        }
        int n = Math.min(length, ring.length - count);
        int tail = (head + count) % ring.length;
        int first = Math.min(n, ring.length - tail);
        src.get(offset, ring, tail, first);
        src.get(offset + first, ring, 0, n - first);
        count += n;
        if (n > 0) {
            notifyAll();
        }
        return n;
    }

    @Override
    public synchronized int read() throws InterruptedIOException {
        if (!awaitBytes()) {
            return -1;
        }
        int b = ring[head] & 0xFF;
        head = (head + 1) % ring.length;
        count--;
        return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws InterruptedIOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!awaitBytes()) {
            return -1;
        }
        int n = Math.min(len, count);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, b, off, first);
        System.arraycopy(ring, 0, b, off + first, n - first);
        head = (head + n) % ring.length;
        count -= n;
        return n;
    }

    @Override
    public synchronized int available() {
        return count;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private boolean awaitBytes() throws InterruptedIOException {
        while (count == 0 && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("terminal input wait interrupted");
            }
        }
        return count > 0;
    }
}
