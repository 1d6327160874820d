package macserver.store;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import macserver.libc.LinuxAbi;

/**
 * The parts of Linux's {@code <mtd/mtd-abi.h>} that {@link MtdFlash} uses: struct layouts and ioctl
 * request numbers, the latter computed with the kernel's {@code _IOR}/{@code _IOW} encoding from the
 * struct sizes, as the header does (MIPS encodes them its own way: {@link LinuxAbi#ioc}).
 */
final class MtdAbi {
    private MtdAbi() {
    }

    /** struct mtd_info_user { __u8 type; __u32 flags, size, erasesize, writesize, oobsize; __u64 padding; } */
    static final StructLayout MTD_INFO_USER = MemoryLayout.structLayout(
            ValueLayout.JAVA_BYTE.withName("type"),
            MemoryLayout.paddingLayout(3),
            ValueLayout.JAVA_INT.withName("flags"),
            ValueLayout.JAVA_INT.withName("size"),
            ValueLayout.JAVA_INT.withName("erasesize"),
            ValueLayout.JAVA_INT.withName("writesize"),
            ValueLayout.JAVA_INT.withName("oobsize"),
            ValueLayout.JAVA_LONG.withName("padding"));

    /** struct erase_info_user { __u32 start; __u32 length; } */
    static final StructLayout ERASE_INFO_USER = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("start"),
            ValueLayout.JAVA_INT.withName("length"));

    /** __kernel_loff_t, the argument of the bad-block ioctls. */
    static final ValueLayout.OfLong LOFF_T = ValueLayout.JAVA_LONG;

    private static final LinuxAbi ABI = LinuxAbi.HOST;
    private static final char MTD_IOCTL_TYPE = 'M';

    static final int MEMGETINFO = ABI.ioc(ABI.iocRead, MTD_IOCTL_TYPE, 1, MTD_INFO_USER.byteSize());
    static final int MEMERASE = ABI.ioc(ABI.iocWrite, MTD_IOCTL_TYPE, 2, ERASE_INFO_USER.byteSize());
    static final int MEMGETBADBLOCK = ABI.ioc(ABI.iocWrite, MTD_IOCTL_TYPE, 11, LOFF_T.byteSize());
    static final int MEMSETBADBLOCK = ABI.ioc(ABI.iocWrite, MTD_IOCTL_TYPE, 12, LOFF_T.byteSize());
}
