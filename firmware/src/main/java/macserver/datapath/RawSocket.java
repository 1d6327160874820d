package macserver.datapath;

import static macserver.libc.NativeCalls.C_LONG;
import static macserver.libc.NativeCalls.ERRNO_STATE;
import static macserver.libc.NativeCalls.SIZE_T;
import static macserver.libc.NativeCalls.downcall;
import static macserver.libc.NativeCalls.errno;
import static macserver.libc.NativeCalls.unexpected;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import macserver.libc.Errno;
import macserver.libc.LinuxAbi;

/**
 * A Linux {@code AF_PACKET}/{@code SOCK_RAW} socket bound to one interface, through the FFM API.
 * Receives whole Ethernet frames (filtered in the kernel by a classic BPF program, without the
 * frames this host sends itself) and transmits whole frames. Needs root or CAP_NET_RAW.
 *
 * <p>{@link #receive} belongs to one thread; {@link #send} may be called from any thread at the
 * same time. Neither allocates: each side has its own native scratch memory. Close from the
 * receiving thread or after it has stopped: a descriptor closed under a running receive could be
 * reused by the next open.
 */
public final class RawSocket implements PacketPort {
    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = LinuxAbi.HOST.sockRaw;
    private static final int SOCK_CLOEXEC = LinuxAbi.HOST.sockCloexec;
    private static final short ETH_P_ALL = 0x0003;
    private static final int SOL_SOCKET = LinuxAbi.HOST.solSocket;
    private static final int SO_RCVTIMEO = LinuxAbi.HOST.soRcvtimeo;
    private static final int SO_ATTACH_FILTER = LinuxAbi.HOST.soAttachFilter;
    private static final int SOL_PACKET = 263;
    private static final int PACKET_STATISTICS = 6;
    private static final int PACKET_IGNORE_OUTGOING = 23;
    private static final byte PACKET_OUTGOING = 4;

    private static final ValueLayout.OfShort NETWORK_SHORT = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    /** {@code struct sockaddr_ll}; the protocol is in network byte order. */
    private static final StructLayout SOCKADDR_LL = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("sll_family"),
            NETWORK_SHORT.withName("sll_protocol"),
            ValueLayout.JAVA_INT.withName("sll_ifindex"),
            ValueLayout.JAVA_SHORT.withName("sll_hatype"),
            ValueLayout.JAVA_BYTE.withName("sll_pkttype"),
            ValueLayout.JAVA_BYTE.withName("sll_halen"),
            MemoryLayout.sequenceLayout(8, ValueLayout.JAVA_BYTE).withName("sll_addr"));
    private static final long SLL_PKTTYPE = SOCKADDR_LL.byteOffset(MemoryLayout.PathElement.groupElement("sll_pkttype"));
    private static final StructLayout TIMEVAL = MemoryLayout.structLayout(C_LONG.withName("tv_sec"),
            C_LONG.withName("tv_usec"));

    private static final MethodHandle SOCKET = downcall("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = downcall("bind",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle GETSOCKOPT = downcall("getsockopt",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle RECVFROM = downcall("recvfrom",
            FunctionDescriptor.of(SIZE_T, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, SIZE_T, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    /** {@code int recvmmsg(int fd, struct mmsghdr *vec, unsigned vlen, int flags, struct timespec *timeout)} */
    private static final MethodHandle RECVMMSG = downcall("recvmmsg",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    /** recvmmsg waits (up to SO_RCVTIMEO) for the first message only, then takes what is queued. */
    private static final int MSG_WAITFORONE = 0x10000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final MethodHandle SEND = downcall("send",
            FunctionDescriptor.of(SIZE_T, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, SIZE_T, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final int fd;
    private final int ifIndex;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether recvmmsg takes MSG_WAITFORONE here (a kernel does; qemu's user mode does not). Receiving thread only. */
    private boolean waitForOne = true;
    // Owned by the receiving thread.
    private final MemorySegment rxErrno;
    private final MemorySegment rxAddress;
    private final MemorySegment rxAddressLength;
    // Guarded by this (send and statistics).
    private final MemorySegment txErrno;
    private final MemorySegment stats;
    private final MemorySegment statsLength;
    private long kernelDrops;

    private RawSocket(int fd, int ifIndex) {
        this.fd = fd;
        this.ifIndex = ifIndex;
        // Freed when the socket object is unreachable: a receive still running while close()
        // returns can never touch freed memory.
        Arena arena = Arena.ofAuto();
        this.rxErrno = arena.allocate(ERRNO_STATE);
        this.rxAddress = arena.allocate(SOCKADDR_LL);
        this.rxAddressLength = arena.allocate(ValueLayout.JAVA_INT);
        this.txErrno = arena.allocate(ERRNO_STATE);
        this.stats = arena.allocate(ValueLayout.JAVA_INT, 2);
        this.statsLength = arena.allocate(ValueLayout.JAVA_INT);
    }

    /**
     * Opens a packet socket on interface {@code ifIndex} that passes only what {@code filter}
     * accepts ({@code null}: everything) and never its own transmitted frames. {@code receive}
     * returns 0 after {@code receiveTimeout} without a frame.
     *
     * @throws DataPathException with errno EPERM (and {@link DataPathException#NO_PRIVILEGE} in
     *     its message) without CAP_NET_RAW; ENODEV for a missing interface
     */
    public static RawSocket open(int ifIndex, BpfProgram filter, Duration receiveTimeout) throws DataPathException {
        if (ifIndex <= 0) {
            throw new DataPathException("not an interface index: " + ifIndex);
        }
        if (receiveTimeout.isNegative() || receiveTimeout.isZero()) {
            throw new DataPathException("receive timeout must be positive, got " + receiveTimeout);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            // Protocol 0 receives nothing until bind: the filter and the interface are in place
            // before the first frame can be queued, so no stray frame from another link slips in.
            int fd = (int) SOCKET.invokeExact(errno, AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw DataPathException.ofErrno("socket(AF_PACKET, SOCK_RAW)", errno(errno));
            }
            try {
                configure(arena, errno, fd, ifIndex, filter, receiveTimeout);
            } catch (DataPathException | RuntimeException e) {
                int ignored = (int) CLOSE.invokeExact(errno, fd);
                throw e;
            }
            return new RawSocket(fd, ifIndex);
        } catch (DataPathException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        }
    }

    private static void configure(Arena arena, MemorySegment errno, int fd, int ifIndex, BpfProgram filter,
            Duration receiveTimeout) throws Throwable {
        if (filter != null) {
            MemorySegment program = filter.toSockFprog(arena);
            setOption(errno, fd, SOL_SOCKET, SO_ATTACH_FILTER, program, "SO_ATTACH_FILTER");
        }
        MemorySegment timeout = arena.allocate(TIMEVAL);
        long micros = Math.max(1, receiveTimeout.toNanos() / 1000);
        putLong(timeout, 0, micros / 1_000_000);
        putLong(timeout, C_LONG.byteSize(), micros % 1_000_000);
        setOption(errno, fd, SOL_SOCKET, SO_RCVTIMEO, timeout, "SO_RCVTIMEO");
        try {
            setOption(errno, fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, arena.allocateFrom(ValueLayout.JAVA_INT, 1),
                    "PACKET_IGNORE_OUTGOING");
        } catch (DataPathException e) {
            // Kernels before 4.20 lack it; receive() also drops frames marked outgoing.
            if (!"ENOPROTOOPT".equals(e.errno())) {
                throw e;
            }
        }
        MemorySegment address = arena.allocate(SOCKADDR_LL);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_PACKET);
        address.set(NETWORK_SHORT, 2, ETH_P_ALL);
        address.set(ValueLayout.JAVA_INT, 4, ifIndex);
        if ((int) BIND.invokeExact(errno, fd, address, (int) SOCKADDR_LL.byteSize()) < 0) {
            throw DataPathException.ofErrno("bind(AF_PACKET) to ifindex " + ifIndex, errno(errno));
        }
    }

    private static void setOption(MemorySegment errno, int fd, int level, int name, MemorySegment value, String what)
            throws Throwable {
        if ((int) SETSOCKOPT.invokeExact(errno, fd, level, name, value, (int) value.byteSize()) < 0) {
            throw DataPathException.ofErrno("setsockopt " + what, errno(errno));
        }
    }

    private static void putLong(MemorySegment segment, long offset, long value) {
        if (C_LONG.byteSize() == 8) {
            segment.set(ValueLayout.JAVA_LONG, offset, value);
        } else {
            segment.set(ValueLayout.JAVA_INT, offset, (int) value);
        }
    }

    public int ifIndex() {
        return ifIndex;
    }

    /**
     * Waits up to the receive timeout for a frame, then takes it and every frame already queued
     * behind it, up to the batch's capacity, in one {@code recvmmsg} call. Returns how many slots
     * were filled (0 on timeout); a slot holding a frame this host sent has length 0. Does not
     * allocate.
     */
    @Override
    public int receive(ReceiveBatch batch) throws DataPathException {
        if (closed.get()) {
            throw new DataPathException("raw socket on ifindex " + ifIndex + " is closed");
        }
        MessageVector messages = batch.messages;
        while (true) {
            int n = waitForOne ? receiveCall(messages.messages, messages.count(), MSG_WAITFORONE)
                    : receiveInTwoCalls(messages);
            if (n == -Errno.EINVAL && waitForOne) {
                // qemu's user-mode emulation makes recvmmsg a loop of recvmsg calls and hands
                // them MSG_WAITFORONE, which a packet socket's recvmsg refuses with EINVAL. Two
                // calls do the same without that flag.
                waitForOne = false;
                continue;
            }
            if (n >= 0) {
                for (int i = 0; i < n; i++) {
                    batch.setLength(i, messages.packetType(i) == PACKET_OUTGOING ? 0 : messages.length(i));
                }
                messages.resetAddressLengths(n);
                return n;
            }
            if (n == -Errno.EAGAIN) {
                return 0;
            }
            if (n != -Errno.EINTR) {
                throw DataPathException.ofErrno("recvmmsg on ifindex " + ifIndex, -n);
            }
        }
    }

    /**
     * recvmmsg without MSG_WAITFORONE: one message, waited for up to the receive timeout, then
     * those already queued behind it. Messages received, or minus errno.
     */
    private int receiveInTwoCalls(MessageVector messages) {
        int first = receiveCall(messages.messages, 1, 0);
        if (first <= 0 || messages.count() == 1) {
            return first;
        }
        int more = receiveCall(messages.afterFirst, messages.count() - 1, MSG_DONTWAIT);
        return more > 0 ? 1 + more : 1;
    }

    /** The recvmmsg system call alone (the code {@link #warmUp} runs): messages received, or minus errno. */
    private int receiveCall(MemorySegment messages, int count, int flags) {
        int n;
        try {
            n = (int) RECVMMSG.invokeExact(rxErrno, fd, messages, count, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        return n >= 0 ? n : -errno(rxErrno);
    }

    /**
     * Waits up to the receive timeout for one frame and copies it to the start of {@code buffer}
     * (cut to its size). Returns its length, or 0 when nothing came or the frame was our own.
     * For tools and tests that want one frame at a time; the data path uses the batch form.
     */
    public int receive(MemorySegment buffer) throws DataPathException {
        if (closed.get()) {
            throw new DataPathException("raw socket on ifindex " + ifIndex + " is closed");
        }
        while (true) {
            rxAddressLength.set(ValueLayout.JAVA_INT, 0, (int) SOCKADDR_LL.byteSize());
            long n;
            try {
                n = (long) RECVFROM.invokeExact(rxErrno, fd, buffer, buffer.byteSize(), 0, rxAddress, rxAddressLength);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (n >= 0) {
                return rxAddress.get(ValueLayout.JAVA_BYTE, SLL_PKTTYPE) == PACKET_OUTGOING ? 0 : (int) n;
            }
            int e = errno(rxErrno);
            if (e == Errno.EAGAIN) {
                return 0;
            }
            if (e != Errno.EINTR) {
                throw DataPathException.ofErrno("recvfrom on ifindex " + ifIndex, e);
            }
        }
    }

    @Override
    public synchronized void send(MemorySegment frame, int length) throws DataPathException {
        if (length <= 0 || length > frame.byteSize()) {
            throw new DataPathException("frame length " + length + " outside 1.." + frame.byteSize());
        }
        if (closed.get()) {
            throw new DataPathException("raw socket on ifindex " + ifIndex + " is closed");
        }
        while (true) {
            long n = transmit(frame, length);
            if (n == length) {
                return;
            }
            if (n != -Errno.EINTR) {
                throw n < 0 ? DataPathException.ofErrno("send on ifindex " + ifIndex, (int) -n)
                        : new DataPathException("send on ifindex " + ifIndex + " sent " + n + " of " + length + " bytes");
            }
        }
    }

    /** The send system call alone (the code {@link #warmUp} runs): bytes sent, or minus errno. Guarded by this. */
    private long transmit(MemorySegment frame, long length) {
        long n;
        try {
            n = (long) SEND.invokeExact(txErrno, fd, frame, length, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        return n >= 0 ? n : -errno(txErrno);
    }

    /**
     * Runs the receive and send calls {@code rounds} times each in forms the kernel turns away
     * at once: recvmmsg for zero messages takes no frame, and a frame shorter than its Ethernet
     * header is refused with EINVAL before anything is transmitted. So the JIT compiles the
     * native-call path before the first real frame instead of after thousands of them: until
     * then, every frame pays for interpreted method-handle code. Returns how many rounds got
     * exactly those answers (all of them, unless the socket is closed or the kernel changed).
     * Call it from the receiving thread.
     */
    @Override
    public int warmUp(ReceiveBatch batch, int rounds) {
        MemorySegment frame = batch.slot(0);
        int quiet = 0;
        for (int i = 0; i < rounds && !closed.get(); i++) {
            long received = receiveCall(batch.messages.messages, 0, MSG_DONTWAIT);
            long sent;
            synchronized (this) {
                sent = transmit(frame, 0);
            }
            if (received == 0 && sent == -Errno.EINVAL) {
                quiet++;
            }
        }
        return quiet;
    }

    /** Reads PACKET_STATISTICS (which the kernel resets on every read) and keeps the running total. */
    @Override
    public synchronized long kernelDrops() {
        if (!closed.get()) {
            statsLength.set(ValueLayout.JAVA_INT, 0, (int) stats.byteSize());
            try {
                int rc = (int) GETSOCKOPT.invokeExact(txErrno, fd, SOL_PACKET, PACKET_STATISTICS, stats, statsLength);
                if (rc == 0) {
                    kernelDrops += Integer.toUnsignedLong(stats.getAtIndex(ValueLayout.JAVA_INT, 1));
                }
            } catch (Throwable t) {
                throw unexpected(t);
            }
        }
        return kernelDrops;
    }

    /** Closes the socket once. A receive blocked in the kernel returns within the receive timeout. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (this) {
                try {
                    int ignored = (int) CLOSE.invokeExact(txErrno, fd);
                } catch (Throwable t) {
                    throw unexpected(t);
                }
            }
        }
    }
}
