package macserver.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.jline.terminal.impl.exec.ExecTerminalProvider;

/**
 * JLine's terminal over a pair of byte streams, as its builder makes it, except for the thread
 * moving input from the stream into the line discipline (the pump). JLine starts a platform
 * thread for it, one per terminal: with a terminal per MAC-Telnet session that is a thousand
 * platform threads (and their stacks) for a thousand idle sessions. Ours is a virtual thread, and
 * it can be stopped between lines without losing a byte ({@link #stopPumpIfIdle}), so that an
 * idle session can drop the terminal and its line editor. Made paused: set the attributes, then
 * {@link #resume}.
 */
final class StreamTerminal extends ExternalTerminal {

    /** What JLine's builder names as the maker of such a terminal; it keeps no state per terminal. */
    private static final ExecTerminalProvider PROVIDER = new ExecTerminalProvider();
    private static final byte[] NONE = new byte[0];

    /** Held while the pump feeds the line discipline, so a stop never cuts a feed in half. */
    private final ReentrantLock feeding = new ReentrantLock();
    private volatile boolean stopping;
    /** Bytes the pump read after it was told to stop: the caller's to feed elsewhere. */
    private byte[] unfed = NONE;

    /** The next keypad_xmit is already on the screen (written with an adopted prompt). */
    private volatile boolean keypadShown;

    StreamTerminal(String name, String type, InputStream in, OutputStream out, Size size) throws IOException {
        super(PROVIDER, name, type, in, out, StandardCharsets.UTF_8, StandardCharsets.UTF_8,
                StandardCharsets.UTF_8, Terminal.SignalHandler.SIG_DFL, true, null, size);
    }

    /** The type's capabilities, parsed once for all terminals of the type (called by JLine's constructor). */
    @Override
    protected void parseInfoCmp() {
        TerminalCapabilities.of(type).copyInto(bools, ints, strings);
    }

    /**
     * The caller wrote the keypad string ({@link TerminalCapabilities.Parsed#keypadTransmit}) with
     * the prompt: the next read must not send it again.
     */
    void keypadAlreadyShown() {
        keypadShown = true;
    }

    @Override
    public boolean puts(org.jline.utils.InfoCmp.Capability capability, Object... params) {
        if (capability == org.jline.utils.InfoCmp.Capability.keypad_xmit && keypadShown) {
            keypadShown = false;
            return true;
        }
        return super.puts(capability, params);
    }

    @Override
    public void resume() {
        resume(NONE);
    }

    /** Starts the pump; it feeds {@code first} (keys already read from the stream) before anything else. */
    void resume(byte[] first) {
        synchronized (lock) {
            paused = false;
            stopping = false;
            if (pumpThread == null) {
                pumpThread = Thread.ofVirtual().name(getName() + " input pump").start(() -> pump(first));
            }
        }
    }

    @Override
    public void pump() {
        pump(NONE);
    }

    private void pump(byte[] first) {
        byte[] buffer = new byte[1024];
        boolean ended = false;
        try {
            if (!feed(first, first.length)) {
                return;
            }
            while (!closed.get()) {
                int n;
                try {
                    n = masterInput.read(buffer);
                } catch (InterruptedIOException e) {
                    if (stopping) {
                        return;
                    }
                    // Interrupted by close(): the input has ended for this terminal, as JLine's pump takes it.
                    break;
                }
                if (n < 0) {
                    break;
                }
                if (!feed(buffer, n)) {
                    return;
                }
            }
            ended = true;
        } catch (IOException e) {
            ended = true;
            processIOException(e);
        } finally {
            synchronized (lock) {
                if (pumpThread == Thread.currentThread()) {
                    pumpThread = null;
                }
            }
            if (ended) {
                try {
                    slaveInput.close();
                } catch (IOException e) {
                    // The input has ended; the reader sees that either way.
                }
            }
        }
    }

    /** Feeds bytes to the line discipline unless a stop came first (then keeps them); whether it fed. */
    private boolean feed(byte[] bytes, int length) throws IOException {
        feeding.lock();
        try {
            if (stopping) {
                if (length > 0) {
                    unfed = Arrays.copyOf(bytes, length);
                }
                return false;
            }
            if (length > 0) {
                processInputBytes(bytes, 0, length);
            }
            return true;
        } finally {
            feeding.unlock();
        }
    }

    /**
     * Stops the pump if no input waits for the line editor; returns false (and the pump goes on)
     * if some does. Nothing is lost: bytes the pump read after the stop are {@link #takeUnfed}.
     * The pump is woken by an interrupt, so the input stream must give up a wait on interrupt
     * without consuming bytes (MAC-Telnet's terminal input and JDK pipes do).
     */
    boolean stopPumpIfIdle() throws InterruptedException {
        // A pump busy feeding means input is arriving; one blocked on a full pipe holds the lock
        // until the reader drains it, which only the caller can do: never wait for the lock.
        // The reader may hold decoded characters that available() does not count; a peek sees them.
        try {
            if (slaveReader.peek(1) != org.jline.utils.NonBlockingReader.READ_EXPIRED) {
                return false;
            }
        } catch (java.io.IOException e) {
            return false;
        }
        if (!feeding.tryLock()) {
            return false;
        }
        try {
            if (slaveReader.available() > 0) {
                return false;
            }
            stopping = true;
        } finally {
            feeding.unlock();
        }
        Thread pump;
        synchronized (lock) {
            pump = pumpThread;
        }
        if (pump != null) {
            pump.interrupt();
            pump.join();
        }
        return true;
    }

    /** The bytes the pump read after {@link #stopPumpIfIdle}, once; empty if none. */
    byte[] takeUnfed() {
        byte[] out = unfed;
        unfed = NONE;
        return out;
    }
}
