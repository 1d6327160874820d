package macserver.datapath;

import java.nio.ByteBuffer;

/**
 * The RFC 1071 ones'-complement sum used by the IPv4 header and UDP checksums. Sums are kept
 * unfolded in an int (a 64 KiB datagram adds at most 2^31 - 1) and folded once at the end.
 */
final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Adds {@code length} bytes at {@code offset} (absolute, big-endian words; an odd last byte is padded with zero). */
    static int add(int sum, ByteBuffer buffer, int offset, int length) {
        int end = offset + (length & ~1);
        for (int i = offset; i < end; i += 2) {
            sum += buffer.getShort(i) & 0xFFFF;
        }
        if ((length & 1) != 0) {
            sum += (buffer.get(end) & 0xFF) << 8;
        }
        return sum;
    }

    /** Adds a 32-bit value as two 16-bit words (an IPv4 address in the pseudo-header). */
    static int addInt(int sum, int value) {
        return sum + (value >>> 16) + (value & 0xFFFF);
    }

    /** Folds the carries back in: the 16-bit ones'-complement sum. 0xFFFF means "verifies". */
    static int fold(int sum) {
        long s = Integer.toUnsignedLong(sum);
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum field value that makes the sum verify. */
    static int complement(int sum) {
        return ~fold(sum) & 0xFFFF;
    }
}
