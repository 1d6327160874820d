package macserver.datapath;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds Ethernet/IPv4/UDP frames byte by byte for the tests, with its own checksum code, so the
 * codec under test is checked against something it did not produce.
 */
final class TestFrames {
    static final long CLIENT_MAC = 0x02_00_00_00_00_01L;
    static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    static final int CLIENT_IP = 0xC0A8_5801; // 192.168.88.1
    static final int BROADCAST_IP = 0xFFFF_FFFF;

    private TestFrames() {
    }

    /** A valid frame, UDP checksum filled in, no padding. */
    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return udp(CLIENT_MAC, SERVER_MAC, CLIENT_IP, BROADCAST_IP, srcPort, dstPort, payload);
    }

    static byte[] udp(long ethSrc, long ethDst, int ipSrc, int ipDst, int srcPort, int dstPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(42 + payload.length).order(ByteOrder.BIG_ENDIAN);
        b.putShort((short) (ethDst >>> 32)).putInt((int) ethDst);
        b.putShort((short) (ethSrc >>> 32)).putInt((int) ethSrc);
        b.putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length));
        b.putShort((short) 0x1234).putShort((short) 0x4000);
        b.put((byte) 64).put((byte) 17).putShort((short) 0);
        b.putInt(ipSrc).putInt(ipDst);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        byte[] frame = b.array();
        fixIpChecksum(frame);
        fixUdpChecksum(frame);
        return frame;
    }

    static int u16(byte[] f, int offset) {
        return (f[offset] & 0xFF) << 8 | (f[offset + 1] & 0xFF);
    }

    static void put16(byte[] f, int offset, int value) {
        f[offset] = (byte) (value >>> 8);
        f[offset + 1] = (byte) value;
    }

    static int ihlBytes(byte[] f) {
        return (f[14] & 0x0F) * 4;
    }

    /** Recomputes the IP header checksum after a test changed the header. */
    static void fixIpChecksum(byte[] f) {
        put16(f, 24, 0);
        put16(f, 24, ~onesSum(f, 14, ihlBytes(f), 0) & 0xFFFF);
    }

    /** Recomputes the UDP checksum (pseudo-header included) after a test changed the datagram. */
    static void fixUdpChecksum(byte[] f) {
        int udp = 14 + ihlBytes(f);
        put16(f, udp + 6, 0);
        int c = ~udpSum(f) & 0xFFFF;
        put16(f, udp + 6, c == 0 ? 0xFFFF : c);
    }

    /** The folded ones'-complement sum over pseudo-header and datagram: 0xFFFF when it verifies. */
    static int udpSum(byte[] f) {
        int udp = 14 + ihlBytes(f);
        int length = u16(f, udp + 4);
        int pseudo = u16(f, 26) + u16(f, 28) + u16(f, 30) + u16(f, 32) + 17 + length;
        return onesSum(f, udp, length, pseudo);
    }

    static int onesSum(byte[] f, int offset, int length, int initial) {
        long sum = initial;
        for (int i = 0; i < length; i++) {
            sum += (i % 2 == 0 ? (f[offset + i] & 0xFF) << 8 : f[offset + i] & 0xFF);
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** A direct buffer holding {@code frame} at position 0, with room to spare. */
    static ByteBuffer direct(byte[] frame) {
        ByteBuffer b = ByteBuffer.allocateDirect(Math.max(2048, frame.length));
        b.put(0, frame);
        return b;
    }
}
