package macserver.datapath;

import static macserver.datapath.FrameLayout.ETHERTYPE_IPV4;
import static macserver.datapath.FrameLayout.ETH_DST;
import static macserver.datapath.FrameLayout.ETH_MIN_FRAME;
import static macserver.datapath.FrameLayout.ETH_SRC;
import static macserver.datapath.FrameLayout.ETH_TYPE;
import static macserver.datapath.FrameLayout.IP;
import static macserver.datapath.FrameLayout.IP_CHECKSUM;
import static macserver.datapath.FrameLayout.IP_DST;
import static macserver.datapath.FrameLayout.IP_FLAGS_FRAGMENT;
import static macserver.datapath.FrameLayout.IP_FLAG_DF;
import static macserver.datapath.FrameLayout.IP_HEADER;
import static macserver.datapath.FrameLayout.IP_ID;
import static macserver.datapath.FrameLayout.IP_PROTOCOL;
import static macserver.datapath.FrameLayout.IP_SRC;
import static macserver.datapath.FrameLayout.IP_TOS;
import static macserver.datapath.FrameLayout.IP_TOTAL_LENGTH;
import static macserver.datapath.FrameLayout.IP_TTL;
import static macserver.datapath.FrameLayout.IP_VERSION_IHL;
import static macserver.datapath.FrameLayout.MAX_FRAME;
import static macserver.datapath.FrameLayout.MAX_PAYLOAD;
import static macserver.datapath.FrameLayout.PAYLOAD;
import static macserver.datapath.FrameLayout.PROTOCOL_UDP;
import static macserver.datapath.FrameLayout.UDP;
import static macserver.datapath.FrameLayout.UDP_CHECKSUM;
import static macserver.datapath.FrameLayout.UDP_DST_PORT;
import static macserver.datapath.FrameLayout.UDP_HEADER;
import static macserver.datapath.FrameLayout.UDP_LENGTH;
import static macserver.datapath.FrameLayout.UDP_SRC_PORT;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds outgoing frames the way the reference server's raw mode does: Ethernet II, IPv4 with
 * TOS 0x10, TTL 64, DF, an ID that counts up per frame and the header checksum, then UDP with
 * its pseudo-header checksum. Writes into one reused buffer at position 0; not thread-safe.
 */
public final class FrameEncoder {
    /** Largest payload one unfragmented frame carries (1500-byte MTU). */
    public static final int MAX_PAYLOAD_BYTES = MAX_PAYLOAD;
    /** Buffer size {@link #FrameEncoder} needs for the largest frame. */
    public static final int MAX_FRAME_BYTES = MAX_FRAME;
    static final int TOS_LOW_DELAY = 0x10;
    static final int TTL = 64;

    private final ByteBuffer frame;
    private int nextId;

    /** Encodes into {@code buffer} (at least {@link #MAX_FRAME_BYTES}); IP IDs start at {@code firstId}. */
    public FrameEncoder(ByteBuffer buffer, int firstId) {
        if (buffer.capacity() < MAX_FRAME) {
            throw new IllegalArgumentException("frame buffer holds " + buffer.capacity() + " bytes, needs " + MAX_FRAME);
        }
        this.frame = buffer.duplicate().clear().order(ByteOrder.BIG_ENDIAN);
        this.nextId = firstId & 0xFFFF;
    }

    /**
     * Writes one frame carrying {@code payload} (position to limit; neither is moved) and returns
     * its length, padded with zeros to the 60-byte Ethernet minimum.
     *
     * @throws IllegalArgumentException for a payload over {@link #MAX_PAYLOAD_BYTES} or a port outside 0..65535
     */
    public int encode(long ethSrc, long ethDst, int ipSrc, int ipDst, int srcPort, int dstPort, ByteBuffer payload) {
        int payloadLength = payload.remaining();
        if (payloadLength > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes is over the " + MAX_PAYLOAD
                    + "-byte limit of one unfragmented frame");
        }
        if ((srcPort & ~0xFFFF) != 0 || (dstPort & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("UDP ports must be 0..65535, got " + srcPort + " -> " + dstPort);
        }
        putMac(ETH_DST, ethDst);
        putMac(ETH_SRC, ethSrc);
        frame.putShort(ETH_TYPE, (short) ETHERTYPE_IPV4);

        int udpLength = UDP_HEADER + payloadLength;
        frame.put(IP_VERSION_IHL, (byte) (0x40 | IP_HEADER / 4));
        frame.put(IP_TOS, (byte) TOS_LOW_DELAY);
        frame.putShort(IP_TOTAL_LENGTH, (short) (IP_HEADER + udpLength));
        frame.putShort(IP_ID, (short) nextId);
        nextId = (nextId + 1) & 0xFFFF;
        frame.putShort(IP_FLAGS_FRAGMENT, (short) IP_FLAG_DF);
        frame.put(IP_TTL, (byte) TTL);
        frame.put(IP_PROTOCOL, (byte) PROTOCOL_UDP);
        frame.putShort(IP_CHECKSUM, (short) 0);
        frame.putInt(IP_SRC, ipSrc);
        frame.putInt(IP_DST, ipDst);
        frame.putShort(IP_CHECKSUM, (short) InternetChecksum.complement(InternetChecksum.add(0, frame, IP, IP_HEADER)));

        frame.putShort(UDP_SRC_PORT, (short) srcPort);
        frame.putShort(UDP_DST_PORT, (short) dstPort);
        frame.putShort(UDP_LENGTH, (short) udpLength);
        frame.putShort(UDP_CHECKSUM, (short) 0);
        frame.put(PAYLOAD, payload, payload.position(), payloadLength);
        int sum = InternetChecksum.addInt(InternetChecksum.addInt(0, ipSrc), ipDst) + PROTOCOL_UDP + udpLength;
        int checksum = InternetChecksum.complement(InternetChecksum.add(sum, frame, UDP, udpLength));
        // 0 on the wire means "no checksum"; a computed 0 is sent as its ones'-complement twin.
        frame.putShort(UDP_CHECKSUM, (short) (checksum == 0 ? 0xFFFF : checksum));

        int length = UDP + udpLength;
        for (int i = length; i < ETH_MIN_FRAME; i++) {
            frame.put(i, (byte) 0);
        }
        return Math.max(length, ETH_MIN_FRAME);
    }

    private void putMac(int offset, long mac) {
        frame.putShort(offset, (short) (mac >>> 32));
        frame.putInt(offset + 2, (int) mac);
    }
}
