package macserver.mactelnet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The terminal's output on its way to the client: a bounded ring. The terminal thread writes and
 * waits while it is full (so a client that reads slowly slows the CLI down, and memory stays
 * bounded). The session sends from the ring one DATA at a time and leaves the bytes there until
 * the client acknowledges them ({@link #peek}, then {@link #consume}), so a resend reads them
 * again and the session keeps no copy of its own. Writes after {@link #close} fail, which ends
 * the terminal. The ring holds storage only while output is on its way ({@link #release}).
 */
final class TerminalOutput extends OutputStream {

    private final ByteRing ring;
    private final Runnable onBytes;
    private boolean closed;

    /** {@code onBytes} runs on the writing thread after each write, without this object's lock. */
    TerminalOutput(int capacity, Runnable onBytes) {
        this.ring = new ByteRing(capacity);
        this.onBytes = onBytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ByteBuffer src = ByteBuffer.wrap(b);
        while (len > 0) {
            int n;
            synchronized (this) {
                while (ring.room() == 0 && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("terminal output wait interrupted");
                    }
                }
                if (closed) {
                    throw new IOException("MAC-Telnet session closed");
                }
                n = ring.put(src, off, len);
            }
            off += n;
            len -= n;
            onBytes.run();
        }
    }

    /** Copies up to {@code max} of the oldest bytes into {@code out} (at its position), keeping them; returns how many. */
    synchronized int peek(ByteBuffer out, int max) {
        return ring.peek(out, max);
    }

    /** The client has the {@code n} oldest bytes: drops them and lets a waiting writer go on. */
    synchronized void consume(int n) {
        ring.skip(n);
        if (n > 0) {
            notifyAll();
        }
    }

    synchronized boolean isEmpty() {
        return ring.size() == 0;
    }

    /** Gives the ring's storage back if nothing is waiting to go or be acknowledged. */
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
}
