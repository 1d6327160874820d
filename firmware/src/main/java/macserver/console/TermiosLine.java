package macserver.console;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static macserver.libc.NativeCalls.C_LONG;
import static macserver.libc.NativeCalls.ERRNO_STATE;
import static macserver.libc.NativeCalls.SIZE_T;
import static macserver.libc.NativeCalls.downcall;
import static macserver.libc.NativeCalls.errno;
import static macserver.libc.NativeCalls.unexpected;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import macserver.libc.Errno;
import macserver.libc.LinuxAbi;

/**
 * A serial port set up through the C library's termios over FFM, for where jSerialComm ships no
 * native library (MIPS): raw 8N1, no flow control, modem lines ignored, like {@link JSerialCommLine}.
 * The termios structure is only handed between libc calls ({@code cfmakeraw}, {@code cfsetspeed}),
 * never laid out here, but for {@code c_cflag}, the third field on every Linux ABI. Reads wait in
 * polls of {@link #READ_POLL_MILLIS}, so a close is noticed.
 */
final class TermiosLine implements SerialLine {
    private static final int READ_POLL_MILLIS = 500;
    private static final int O_RDWR = LinuxAbi.HOST.oRdwr;
    /** Not the line's controlling terminal: a hang-up on it must not signal the firmware. */
    private static final int O_NOCTTY = LinuxAbi.HOST.oNoctty;
    private static final int TCSANOW = LinuxAbi.HOST.tcsanow;
    /** Larger than struct termios on any Linux ABI. */
    private static final int TERMIOS_BYTES = 256;
    private static final long C_CFLAG_OFFSET = 8;
    private static final int CREAD = 0200;
    private static final int CLOCAL = 04000;
    private static final int CRTSCTS = 020000000000;
    private static final short POLLIN = 1;
    private static final int EINTR = Errno.EINTR;
    private static final int EAGAIN = Errno.EAGAIN;
    /** Linux's speed_t codes (the same on ARM, x86 and MIPS). */
    private static final Map<Integer, Integer> SPEEDS = Map.of(9600, 015, 19200, 016, 38400, 017, 57600, 010001,
            115200, 010002, 230400, 010003, 460800, 010004, 921600, 010007);

    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = downcall("read", FunctionDescriptor.of(SIZE_T, JAVA_INT, ADDRESS, SIZE_T));
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(SIZE_T, JAVA_INT, ADDRESS, SIZE_T));
    private static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, C_LONG, JAVA_INT));
    private static final MethodHandle TCGETATTR = downcall("tcgetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle TCSETATTR = downcall("tcsetattr",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CFMAKERAW = downcall("cfmakeraw", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle CFSETSPEED = downcall("cfsetspeed", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

    private final String device;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment readBuffer = arena.allocate(4096);
    private final MemorySegment writeBuffer = arena.allocate(4096);
    private final MemorySegment readState = arena.allocate(ERRNO_STATE);
    private final MemorySegment writeState = arena.allocate(ERRNO_STATE);
    private final MemorySegment pollFd = arena.allocate(8);
    /** Held while a read or a write uses the descriptor, so close never frees it under them. */
    private final ReentrantLock reading = new ReentrantLock();
    private final ReentrantLock writing = new ReentrantLock();
    private final InputStream input = new LineInput();
    private final OutputStream output = new BufferedOutputStream(new LineOutput(), 4096);
    private volatile boolean closed;

    private TermiosLine(String device, int fd) {
        this.device = device;
        this.fd = fd;
    }

    static SerialLine open(String device, int speed) throws IOException {
        Integer code = SPEEDS.get(speed);
        if (code == null) {
            throw new IOException("serial speed " + speed + " is not one of " + new java.util.TreeSet<>(SPEEDS.keySet()));
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(ERRNO_STATE);
            int fd = (int) OPEN.invokeExact(state, call.allocateFrom(device), O_RDWR | O_NOCTTY);
            if (fd < 0) {
                throw new IOException("cannot open serial device " + device + ": " + Errno.name(errno(state)));
            }
            MemorySegment termios = call.allocate(TERMIOS_BYTES);
            if ((int) TCGETATTR.invokeExact(state, fd, termios) < 0) {
                int e = errno(state);
                int ignored = (int) CLOSE.invokeExact(state, fd);
                throw new IOException(device + " is not a terminal: " + Errno.name(e));
            }
            CFMAKERAW.invokeExact(state, termios);
            int cflag = termios.get(JAVA_INT, C_CFLAG_OFFSET);
            termios.set(JAVA_INT, C_CFLAG_OFFSET, (cflag | CREAD | CLOCAL) & ~CRTSCTS);
            if ((int) CFSETSPEED.invokeExact(state, termios, code.intValue()) < 0
                    || (int) TCSETATTR.invokeExact(state, fd, TCSANOW, termios) < 0) {
                int e = errno(state);
                int ignored = (int) CLOSE.invokeExact(state, fd);
                throw new IOException("cannot set up " + device + " at " + speed + " baud: " + Errno.name(e));
            }
            return new TermiosLine(device, fd);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reading.lock();
        writing.lock();
        try {
            int ignored = (int) CLOSE.invokeExact(readState, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        } finally {
            writing.unlock();
            reading.unlock();
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "termios " + device;
    }

    private final class LineInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                reading.lock();
                try {
                    if (closed) {
                        return -1;
                    }
                    pollFd.set(JAVA_INT, 0, fd);
                    pollFd.set(JAVA_SHORT, 4, POLLIN);
                    pollFd.set(JAVA_SHORT, 6, (short) 0);
                    int ready = (int) POLL.invokeExact(readState, pollFd, 1L, READ_POLL_MILLIS);
                    if (ready == 0) {
                        continue;
                    }
                    if (ready < 0) {
                        if (errno(readState) == EINTR) {
                            continue;
                        }
                        throw new IOException("poll on " + device + ": " + Errno.name(errno(readState)));
                    }
                    long n = (long) READ.invokeExact(readState, fd, readBuffer, (long) Math.min(len, (int) readBuffer.byteSize()));
                    if (n > 0) {
                        MemorySegment.copy(readBuffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
                        return (int) n;
                    }
                    if (n == 0) {
                        return -1; // the device is gone (a pty whose other side closed, a USB adapter pulled)
                    }
                    int e = errno(readState);
                    if (e != EINTR && e != EAGAIN) {
                        throw new IOException("read from " + device + ": " + Errno.name(e));
                    }
                } catch (IOException | RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw unexpected(t);
                } finally {
                    reading.unlock();
                }
            }
        }
    }

    private final class LineOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writing.lock();
            try {
                while (len > 0) {
                    if (closed) {
                        throw new IOException(device + " is closed");
                    }
                    int chunk = Math.min(len, (int) writeBuffer.byteSize());
                    MemorySegment.copy(b, off, writeBuffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, chunk);
                    long n = (long) WRITE.invokeExact(writeState, fd, writeBuffer, (long) chunk);
                    if (n < 0) {
                        int e = errno(writeState);
                        if (e == EINTR || e == EAGAIN) {
                            continue;
                        }
                        throw new IOException("write to " + device + ": " + Errno.name(e));
                    }
                    off += (int) n;
                    len -= (int) n;
                }
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw unexpected(t);
            } finally {
                writing.unlock();
            }
        }
    }
}
