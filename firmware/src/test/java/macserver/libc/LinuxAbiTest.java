package macserver.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The values are those of the kernel's and glibc's headers for each architecture (mipsel: Debian 12's). */
class LinuxAbiTest {
    private static final char MTD = 'M';

    @Test
    void mipsNumbersItsOwnWay() {
        LinuxAbi mips = LinuxAbi.of("mipsel");
        assertTrue(mips.mips);
        assertEquals(0xffff, mips.solSocket);
        assertEquals(0x1006, mips.soRcvtimeo);
        assertEquals(26, mips.soAttachFilter);
        assertEquals(1, mips.sockDgram);
        assertEquals(3, mips.sockRaw);
        assertEquals(0x800, mips.oNoctty);
        assertEquals(0x80000, mips.oCloexec);
        assertEquals(0x540e, mips.tcsanow);
        assertEquals(99, mips.enoprotoopt);
        assertEquals(126, mips.eaddrnotavail);
        // <mtd/mtd-abi.h>'s MEMGETINFO and MEMERASE as the MIPS cross compiler computes them.
        assertEquals(0x40204d01, mips.ioc(mips.iocRead, MTD, 1, 32));
        assertEquals(0x80084d02, mips.ioc(mips.iocWrite, MTD, 2, 8));
        assertThrows(IllegalArgumentException.class, () -> mips.ioc(mips.iocRead, MTD, 1, 1 << 13));
        assertTrue(LinuxAbi.of("mips").mips);
    }

    @Test
    void everyOtherArchitectureHasTheGenericNumbers() {
        for (String arch : new String[] {"amd64", "aarch64", "arm"}) {
            LinuxAbi abi = LinuxAbi.of(arch);
            assertFalse(abi.mips, arch);
            assertEquals(1, abi.solSocket, arch);
            assertEquals(20, abi.soRcvtimeo, arch);
            assertEquals(2, abi.sockDgram, arch);
            assertEquals(0400, abi.oNoctty, arch);
            assertEquals(0, abi.tcsanow, arch);
            assertEquals(92, abi.enoprotoopt, arch);
            assertEquals(99, abi.eaddrnotavail, arch);
            assertEquals(0x80204d01, abi.ioc(abi.iocRead, MTD, 1, 32), arch);
            assertEquals(0x40084d02, abi.ioc(abi.iocWrite, MTD, 2, 8), arch);
        }
    }

    @Test
    void errnoNamesFollowTheArchitecture() {
        LinuxAbi mips = LinuxAbi.of("mipsel");
        LinuxAbi generic = LinuxAbi.of("amd64");
        assertEquals("EOPNOTSUPP", mips.errnoName(122));
        assertEquals("EOPNOTSUPP", generic.errnoName(95));
        assertEquals("ENOPROTOOPT", mips.errnoName(mips.enoprotoopt));
        assertEquals("ENOPROTOOPT", generic.errnoName(generic.enoprotoopt));
        assertEquals("EADDRNOTAVAIL", mips.errnoName(mips.eaddrnotavail));
        assertEquals("ENOBUFS", mips.errnoName(132));
        assertEquals("ENOBUFS", generic.errnoName(105));
        // The low numbers are shared.
        assertEquals("EINVAL", mips.errnoName(Errno.EINVAL));
        assertEquals("EAGAIN", mips.errnoName(Errno.EAGAIN));
        assertEquals("errno 4242", mips.errnoName(4242));
    }
}
