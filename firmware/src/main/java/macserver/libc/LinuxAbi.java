package macserver.libc;

import java.util.HashMap;
import java.util.Map;

/**
 * The Linux constants the firmware hands the kernel and the C library that are not the same on
 * every architecture. Linux on MIPS kept the numbers of the systems it first ran beside (IRIX):
 * its socket level and options, socket types, some open flags, the termios actions, the ioctl
 * encoding and most errno values above 34 differ from those of x86 and ARM, which share the
 * generic ones. Values from the kernel's {@code arch/mips/include/uapi/asm} headers and glibc's
 * MIPS {@code bits/} headers. {@link #HOST} is this machine's.
 */
public final class LinuxAbi {
    /** The ABI of the machine this JVM runs on, chosen by {@code os.arch}. */
    public static final LinuxAbi HOST = of(System.getProperty("os.arch", ""));

    public final boolean mips;
    /** setsockopt's level for the socket's own options. */
    public final int solSocket;
    /** SO_RCVTIMEO with a {@code struct timeval} of C longs (the "old" one on 32-bit systems). */
    public final int soRcvtimeo;
    public final int soAttachFilter = 26;
    public final int sockDgram;
    public final int sockRaw = 3;
    public final int sockCloexec = 0x80000;
    public final int oRdwr = 2;
    public final int oNoctty;
    public final int oCloexec = 0x80000;
    /** tcsetattr's "now": glibc on MIPS passes the kernel's TCSETS number itself. */
    public final int tcsanow;
    /** The ioctl number's direction bits: read, write, and where the direction starts. */
    public final int iocRead = 2;
    public final int iocWrite;
    private final int iocDirShift;
    public final int enoprotoopt;
    public final int eaddrnotavail;
    private final Map<Integer, String> errnoNames;

    private LinuxAbi(boolean mips) {
        this.mips = mips;
        solSocket = mips ? 0xffff : 1;
        soRcvtimeo = mips ? 0x1006 : 20;
        sockDgram = mips ? 1 : 2;
        oNoctty = mips ? 0x800 : 0400;
        tcsanow = mips ? 0x540e : 0;
        iocWrite = mips ? 4 : 1;
        iocDirShift = mips ? 29 : 30;
        enoprotoopt = mips ? 99 : 92;
        eaddrnotavail = mips ? 126 : 99;
        errnoNames = errnoNames(mips);
    }

    /** The ABI of an {@code os.arch} value: MIPS for "mips", "mipsel" and their 64-bit names. */
    public static LinuxAbi of(String osArch) {
        return new LinuxAbi(osArch.startsWith("mips"));
    }

    /**
     * The kernel's {@code _IOC(dir, type, nr, size)}: the number in bits 0-7, the type in 8-15, the
     * size above them up to the direction bits (14 bits of size, 2 of direction generically; 13 and
     * 3 on MIPS).
     */
    public int ioc(int dir, char type, int nr, long size) {
        if (size >= (1L << (iocDirShift - 16))) {
            throw new IllegalArgumentException("ioctl argument too large: " + size);
        }
        return (dir << iocDirShift) | ((int) size << 16) | (type << 8) | nr;
    }

    /** "EPERM" for 1; "errno 1234" for a value this table does not know. */
    public String errnoName(int errno) {
        String name = errnoNames.get(errno);
        return name != null ? name : "errno " + errno;
    }

    private static Map<Integer, String> errnoNames(boolean mips) {
        // 1-34 are the same everywhere.
        Map<Integer, String> names = new HashMap<>(Map.ofEntries(
                Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(4, "EINTR"), Map.entry(5, "EIO"),
                Map.entry(6, "ENXIO"), Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"),
                Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"), Map.entry(19, "ENODEV"),
                Map.entry(22, "EINVAL"), Map.entry(23, "ENFILE"), Map.entry(24, "EMFILE"), Map.entry(25, "ENOTTY"),
                Map.entry(30, "EROFS")));
        String[] above = {"EBADMSG", "EMSGSIZE", "ENOPROTOOPT", "EPROTONOSUPPORT", "EOPNOTSUPP", "EAFNOSUPPORT",
                "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH", "ENOBUFS"};
        int[] values = mips ? new int[] {77, 97, 99, 120, 122, 124, 125, 126, 127, 128, 132}
                : new int[] {74, 90, 92, 93, 95, 97, 98, 99, 100, 101, 105};
        for (int i = 0; i < above.length; i++) {
            names.put(values[i], above[i]);
        }
        return Map.copyOf(names);
    }
}
