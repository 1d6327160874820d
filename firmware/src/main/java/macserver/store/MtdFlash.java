package macserver.store;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import macserver.libc.LinuxAbi;

/**
 * A Linux MTD character device ({@code /dev/mtdN}) through the FFM API: {@code MEMGETINFO} for the
 * geometry, {@code MEMERASE}, the bad-block ioctls, and {@code pread}/{@code pwrite} at page offsets.
 * The kernel enforces the chip's rules itself; writes to it are synchronous.
 */
public final class MtdFlash implements FlashDevice {
    /** The store's headers need room; NOR parts report 1-byte writes, so pages are at least this large. */
    private static final int MIN_PAGE = 512;
    private static final int O_RDWR = LinuxAbi.HOST.oRdwr;
    private static final int O_CLOEXEC = LinuxAbi.HOST.oCloexec;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_VALUE = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final AddressLayout C_STRING = ValueLayout.ADDRESS.withTargetLayout(
            MemoryLayout.sequenceLayout(Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

    private static final MethodHandle OPEN = function("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL = function("ioctl",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle PREAD = function("pread",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG), ERRNO);
    private static final MethodHandle PWRITE = function("pwrite",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG), ERRNO);
    private static final MethodHandle CLOSE = function("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle STRERROR = function("strerror",
            FunctionDescriptor.of(C_STRING, ValueLayout.JAVA_INT));

    private final Path path;
    private final int fd;
    private final FlashGeometry geometry;
    private final int mtdType;
    private boolean closed;

    private MtdFlash(Path path, int fd, FlashGeometry geometry, int mtdType) {
        this.path = path;
        this.fd = fd;
        this.geometry = geometry;
        this.mtdType = mtdType;
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** Opens {@code /dev/mtdN} read-write and reads its geometry; anything that is not an MTD device is refused. */
    public static MtdFlash open(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(path.toString()), O_RDWR | O_CLOEXEC, 0);
            if (fd < 0) {
                throw failure("open " + path, errno);
            }
            MemorySegment info = arena.allocate(MtdAbi.MTD_INFO_USER);
            int rc = (int) IOCTL.invokeExact(errno, fd, Integer.toUnsignedLong(MtdAbi.MEMGETINFO), info);
            if (rc < 0) {
                IOException e = failure(path + " is not an MTD device: MEMGETINFO", errno);
                int ignored = (int) CLOSE.invokeExact(fd);
                throw e;
            }
            long size = Integer.toUnsignedLong(info.get(ValueLayout.JAVA_INT, offset("size")));
            int erase = info.get(ValueLayout.JAVA_INT, offset("erasesize"));
            int write = info.get(ValueLayout.JAVA_INT, offset("writesize"));
            int type = info.get(ValueLayout.JAVA_BYTE, offset("type"));
            FlashGeometry g = new FlashGeometry(Math.max(write, MIN_PAGE), erase, (int) (size / erase));
            return new MtdFlash(path, fd, g, type);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("native call failed for " + path, t);
        }
    }

    static long offset(String field) {
        return MtdAbi.MTD_INFO_USER.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    /** MTD_* type code from the kernel (4 = NAND, 3 = NOR), for diagnostics. */
    public int mtdType() {
        return mtdType;
    }

    @Override
    public FlashGeometry geometry() {
        return geometry;
    }

    @Override
    public synchronized void read(long offset, byte[] dst, int dstOff, int len) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(len);
            MemorySegment errno = arena.allocate(CAPTURE);
            long done = 0;
            while (done < len) {
                long n = (long) PREAD.invokeExact(errno, fd, buf.asSlice(done), (long) len - done, offset + done);
                if (n <= 0) {
                    throw n == 0 ? new FlashException("read past the end of " + path) : failure("read " + path + " at " + (offset + done), errno);
                }
                done += n;
            }
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, dst, dstOff, len);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    @Override
    public synchronized void program(long offset, byte[] src, int srcOff, int len) throws IOException {
        if (offset % geometry.pageSize() != 0 || len % geometry.pageSize() != 0) {
            throw new FlashException("program must cover whole pages: offset " + offset + ", length " + len);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(len);
            MemorySegment.copy(src, srcOff, buf, ValueLayout.JAVA_BYTE, 0, len);
            MemorySegment errno = arena.allocate(CAPTURE);
            long done = 0;
            while (done < len) {
                long n = (long) PWRITE.invokeExact(errno, fd, buf.asSlice(done), (long) len - done, offset + done);
                if (n <= 0) {
                    throw failure("program " + path + " at " + (offset + done), errno);
                }
                done += n;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    @Override
    public synchronized void erase(int block) throws IOException {
        long start = geometry.blockOffset(block);
        if (start + geometry.eraseBlockSize() > 0xFFFF_FFFFL) {
            throw new FlashException("block " + block + " lies beyond 4 GiB, which MEMERASE cannot address");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = arena.allocate(MtdAbi.ERASE_INFO_USER);
            req.set(ValueLayout.JAVA_INT, 0, (int) start);
            req.set(ValueLayout.JAVA_INT, 4, geometry.eraseBlockSize());
            ioctl(arena, MtdAbi.MEMERASE, req, "MEMERASE block " + block);
        }
    }

    @Override
    public synchronized boolean isBad(int block) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return ioctl(arena, MtdAbi.MEMGETBADBLOCK, arena.allocateFrom(MtdAbi.LOFF_T, geometry.blockOffset(block)),
                    "MEMGETBADBLOCK block " + block) > 0;
        }
    }

    @Override
    public synchronized void markBad(int block) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            ioctl(arena, MtdAbi.MEMSETBADBLOCK, arena.allocateFrom(MtdAbi.LOFF_T, geometry.blockOffset(block)),
                    "MEMSETBADBLOCK block " + block);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                int ignored = (int) CLOSE.invokeExact(fd);
            } catch (Throwable t) {
                throw new IOException("close " + path, t);
            }
        }
    }

    private int ioctl(Arena arena, int request, MemorySegment arg, String what) throws IOException {
        MemorySegment errno = arena.allocate(CAPTURE);
        int rc;
        try {
            rc = (int) IOCTL.invokeExact(errno, fd, Integer.toUnsignedLong(request), arg);
        } catch (Throwable t) {
            throw new IOException(what, t);
        }
        if (rc < 0) {
            throw failure(what + " on " + path, errno);
        }
        return rc;
    }

    private static FlashException failure(String what, MemorySegment captured) {
        int errno = (int) ERRNO_VALUE.get(captured, 0L);
        return new FlashException(what + " failed: " + LinuxAbi.HOST.errnoName(errno)
                + " (" + describe(errno) + ")");
    }

    private static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
