package macserver.mactelnet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The terminal's output on its way to the client: a bounded ring. The terminal thread writes and
 * waits while it is full (so a client that reads slowly slows the CLI down, and memory stays
 * bounded); the session drains it one DATA at a time. Writes after {@link #close} fail, which ends
 * the terminal.
 */
final class TerminalOutput extends OutputStream {

    private final byte[] ring;
    private final Runnable onBytes;
    private int head;
    private int count;
    private boolean closed;

    /** {@code onBytes} runs on the writing thread after each write, without this object's lock. */
    TerminalOutput(int capacity, Runnable onBytes) {
        this.ring = new byte[capacity];
        this.onBytes = onBytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            int n;
            synchronized (this) {
                while (count == ring.length && !closed) {
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
                n = Math.min(len, ring.length - count);
                int tail = (head + count) % ring.length;
                int first = Math.min(n, ring.length - tail);
                System.arraycopy(b, off, ring, tail, first);
                System.arraycopy(b, off + first, ring, 0, n - first);
                count += n;
            }
            off += n;
            len -= n;
            onBytes.run();
        }
    }

    /** Moves up to {@code max} bytes into {@code out} (at its position); returns how many. */
    synchronized int drain(ByteBuffer out, int max) {
        int n = Math.min(max, Math.min(count, out.remaining()));
        int first = Math.min(n, ring.length - head);
        out.put(ring, head, first);
        out.put(ring, 0, n - first);
        head = (head + n) % ring.length;
        count -= n;
        if (n > 0) {
            notifyAll();
        }
        return n;
    }

    synchronized boolean isEmpty() {
        return count == 0;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
