package macserver.console;

import java.io.IOException;
import java.io.InputStream;

/**
 * A receive FIFO in front of a serial line: its own thread always drains the device, so the
 * sender never stalls, even while the console is busy writing. Without it, a sender that waits
 * for its writes to go through before it reads (socat, some USB adapters) and a console that
 * waits for its echo to be read block each other for good. When the FIFO is full, new bytes are
 * dropped, as a UART overrun would drop them.
 */
final class InputFifo extends InputStream {

    private final byte[] ring;
    private int head;
    private int size;
    private boolean ended;
    private long dropped;

    InputFifo(InputStream source, int capacity, String name) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.ring = new byte[capacity];
        Thread.ofPlatform().name(name + "-rx").daemon(true).start(() -> drain(source));
    }

    private void drain(InputStream source) {
        byte[] chunk = new byte[4096];
        try {
            for (int n; (n = source.read(chunk)) >= 0; ) {
                put(chunk, n);
            }
        } catch (IOException e) {
            // A failing device ends the input, like an unplugged one.
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private synchronized void put(byte[] chunk, int n) {
        int room = ring.length - size;
        int kept = Math.min(room, n);
        for (int i = 0; i < kept; i++) {
            ring[(head + size + i) % ring.length] = chunk[i];
        }
        size += kept;
        dropped += n - kept;
        notifyAll();
    }

    /** Bytes thrown away because the FIFO was full. */
    synchronized long dropped() {
        return dropped;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (size == 0 && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for serial input");
            }
        }
        if (size == 0) {
            return -1;
        }
        int n = Math.min(len, size);
        for (int i = 0; i < n; i++) {
            b[off + i] = ring[(head + i) % ring.length];
        }
        head = (head + n) % ring.length;
        size -= n;
        return n;
    }

    @Override
    public synchronized int available() {
        return size;
    }
}
