package macserver.datapath;

import static macserver.libc.NativeCalls.C_LONG;
import static macserver.libc.NativeCalls.ERRNO_STATE;
import static macserver.libc.NativeCalls.downcall;
import static macserver.libc.NativeCalls.errno;
import static macserver.libc.NativeCalls.unexpected;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import macserver.libc.LinuxAbi;

/**
 * Index, MAC and IPv4 address of an interface by name, from the kernel's SIOCGIF* ioctls on a
 * plain UDP socket (no privilege needed). Not java.net.NetworkInterface: the JDK lists only
 * interfaces that have an IP address, and a MAC server's link often has none.
 */
final class InterfaceLookup {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = LinuxAbi.HOST.sockDgram;
    private static final int SOCK_CLOEXEC = LinuxAbi.HOST.sockCloexec;
    private static final long SIOCGIFADDR = 0x8915;
    private static final long SIOCGIFHWADDR = 0x8927;
    private static final long SIOCGIFINDEX = 0x8933;
    private static final int IFNAMSIZ = 16;
    /** struct ifreq: the name, then a union of at most 24 bytes (struct ifmap on 64-bit). */
    private static final int IFREQ_SIZE = IFNAMSIZ + 24;
    private static final int ARPHRD_ETHER = 1;
    private static final int ENODEV = 19;
    private static final int EADDRNOTAVAIL = LinuxAbi.HOST.eaddrnotavail;

    private static final MethodHandle SOCKET = downcall("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle IOCTL = downcall("ioctl",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, C_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private InterfaceLookup() {
    }

    /**
     * Looks {@code name} up in this process's network namespace.
     *
     * @throws DataPathException when there is no such interface or it is not Ethernet
     */
    static LinkInfo lookUp(String name) throws DataPathException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length == 0 || nameBytes.length >= IFNAMSIZ || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new DataPathException("not an interface name: '" + name + "'");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            int fd = (int) SOCKET.invokeExact(errno, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw DataPathException.ofErrno("socket(AF_INET, SOCK_DGRAM) for interface look-up", errno(errno));
            }
            try {
                MemorySegment ifreq = arena.allocate(IFREQ_SIZE);
                ifreq.copyFrom(MemorySegment.ofArray(nameBytes));
                if ((int) IOCTL.invokeExact(errno, fd, SIOCGIFINDEX, ifreq) < 0) {
                    int e = errno(errno);
                    throw e == ENODEV ? new DataPathException("no network interface named " + name)
                            : DataPathException.ofErrno("SIOCGIFINDEX " + name, e);
                }
                int ifIndex = ifreq.get(ValueLayout.JAVA_INT, IFNAMSIZ);
                if ((int) IOCTL.invokeExact(errno, fd, SIOCGIFHWADDR, ifreq) < 0) {
                    throw DataPathException.ofErrno("SIOCGIFHWADDR " + name, errno(errno));
                }
                // struct sockaddr: family (ARPHRD_*), then the hardware address.
                if (ifreq.get(ValueLayout.JAVA_SHORT, IFNAMSIZ) != ARPHRD_ETHER) {
                    throw new DataPathException("interface " + name + " has no Ethernet MAC address");
                }
                long mac = (ifreq.get(ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), IFNAMSIZ + 2) & 0xFFFFL) << 32
                        | ifreq.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), IFNAMSIZ + 4) & 0xFFFF_FFFFL;
                int ipv4 = 0;
                if ((int) IOCTL.invokeExact(errno, fd, SIOCGIFADDR, ifreq) == 0) {
                    // struct sockaddr_in: family, port, then the address in network order.
                    ipv4 = ifreq.get(ValueLayout.JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN), IFNAMSIZ + 4);
                } else if (errno(errno) != EADDRNOTAVAIL) {
                    throw DataPathException.ofErrno("SIOCGIFADDR " + name, errno(errno));
                }
                return new LinkInfo(name, ifIndex, mac, ipv4);
            } finally {
                int ignored = (int) CLOSE.invokeExact(errno, fd);
            }
        } catch (DataPathException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
