package macserver.datapath;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The {@code struct mmsghdr} array that {@code recvmmsg} fills: one message per slot of a frame
 * buffer, each with one {@code iovec} onto its slot and a {@code sockaddr_ll} for the sender's
 * address (whose packet type tells our own transmissions apart). Built once; a receive only
 * resets the address lengths the kernel overwrote.
 *
 * <p>Offsets are computed from the pointer size instead of being declared as FFM struct layouts
 * because {@code size_t} and pointers change width between the 32-bit (armhf, MIPS) and 64-bit
 * routers, while {@code socklen_t} and {@code int} do not: on 64-bit the {@code msghdr} has 4
 * bytes of padding after {@code msg_namelen} and after {@code msg_flags}.
 */
final class MessageVector {
    private static final long P = ValueLayout.ADDRESS.byteSize();
    // struct msghdr { void *name; socklen_t namelen; struct iovec *iov; size_t iovlen;
    //                 void *control; size_t controllen; int flags; }
    private static final long MSG_NAME = 0;
    private static final long MSG_NAMELEN = P;
    private static final long MSG_IOV = 2 * P;
    private static final long MSG_IOVLEN = 3 * P;
    private static final long MSGHDR_BYTES = roundUp(6 * P + 4, P);
    // struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; }
    private static final long MSG_LEN = MSGHDR_BYTES;
    static final long MMSGHDR_BYTES = roundUp(MSGHDR_BYTES + 4, P);
    // struct iovec { void *base; size_t len; }
    private static final long IOVEC_BYTES = 2 * P;
    /** {@code sizeof(struct sockaddr_ll)}; its {@code sll_pkttype} is byte 10. */
    static final int SOCKADDR_LL_BYTES = 20;
    private static final long SLL_PKTTYPE = 10;

    final MemorySegment messages;
    /** The messages after the first, for a receive made of two calls (see RawSocket#receive). */
    final MemorySegment afterFirst;
    private final MemorySegment addresses;
    private final int count;

    /** Messages for the {@code count} slots of {@code slotBytes} each that {@code buffers} holds. */
    MessageVector(Arena arena, MemorySegment buffers, int count, int slotBytes) {
        this.count = count;
        this.messages = arena.allocate(MMSGHDR_BYTES * count, P);
        this.afterFirst = messages.asSlice(MMSGHDR_BYTES);
        this.addresses = arena.allocate((long) SOCKADDR_LL_BYTES * count, 4);
        MemorySegment iovecs = arena.allocate(IOVEC_BYTES * count, P);
        for (int i = 0; i < count; i++) {
            MemorySegment iovec = iovecs.asSlice(i * IOVEC_BYTES, IOVEC_BYTES);
            iovec.set(ValueLayout.ADDRESS, 0, buffers.asSlice((long) i * slotBytes, slotBytes));
            putSize(iovec, P, slotBytes);
            MemorySegment message = messages.asSlice(i * MMSGHDR_BYTES, MMSGHDR_BYTES);
            message.set(ValueLayout.ADDRESS, MSG_NAME, addresses.asSlice((long) i * SOCKADDR_LL_BYTES, SOCKADDR_LL_BYTES));
            message.set(ValueLayout.ADDRESS, MSG_IOV, iovec);
            putSize(message, MSG_IOVLEN, 1);
        }
        resetAddressLengths(count);
    }

    int count() {
        return count;
    }

    /** The kernel wrote the sender's address length into the first {@code used} messages; give them their room back. */
    void resetAddressLengths(int used) {
        for (int i = 0; i < used; i++) {
            messages.set(ValueLayout.JAVA_INT, i * MMSGHDR_BYTES + MSG_NAMELEN, SOCKADDR_LL_BYTES);
        }
    }

    /** Bytes the kernel put into message {@code i}'s slot. */
    int length(int i) {
        return messages.get(ValueLayout.JAVA_INT, i * MMSGHDR_BYTES + MSG_LEN);
    }

    /** The {@code sll_pkttype} of message {@code i}'s sender address. */
    byte packetType(int i) {
        return addresses.get(ValueLayout.JAVA_BYTE, (long) i * SOCKADDR_LL_BYTES + SLL_PKTTYPE);
    }

    private static void putSize(MemorySegment segment, long offset, long value) {
        if (P == 8) {
            segment.set(ValueLayout.JAVA_LONG, offset, value);
        } else {
            segment.set(ValueLayout.JAVA_INT, offset, (int) value);
        }
    }

    private static long roundUp(long n, long to) {
        return (n + to - 1) / to * to;
    }
}
