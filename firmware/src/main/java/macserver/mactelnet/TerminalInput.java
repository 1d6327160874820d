package macserver.mactelnet;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;

/**
 * The client's keystrokes on their way to the terminal thread: a bounded ring the receive thread
 * fills without ever waiting ({@link #offer} takes what fits), and the terminal reads, waiting
 * for bytes. After {@link #close} reads drain what is left, then see the end of the stream. The
 * ring holds storage only while keystrokes come ({@link #release} gives it back when idle).
 */
final class TerminalInput extends InputStream {

    private final ByteRing ring;
    private boolean closed;

    TerminalInput(int capacity) {
        ring = new ByteRing(capacity);
    }

    /** Copies as much of {@code src} (absolute offset and length) as fits; returns how much did. */
    synchronized int offer(ByteBuffer src, int offset, int length) {
        if (closed) {
            return 0;
        }
        int n = ring.put(src, offset, length);
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
        return ring.take();
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
        return ring.take(b, off, len);
    }

    @Override
    public synchronized int available() {
        return ring.size();
    }

    /** Gives the ring's storage back if no keystroke waits; the next one takes a small one again. */
    synchronized void release() {
        ring.release();
    }

    /** Bytes of storage held now, for tests and measurements. */
    synchronized int storageBytes() {
        return ring.storageBytes();
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private boolean awaitBytes() throws InterruptedIOException {
        while (ring.size() == 0 && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("terminal input wait interrupted");
            }
        }
        return ring.size() > 0;
    }
}
