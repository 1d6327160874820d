package macserver.datapath;

import static macserver.datapath.FrameLayout.ETHERTYPE_IPV4;
import static macserver.datapath.FrameLayout.ETHERTYPE_QINQ;
import static macserver.datapath.FrameLayout.ETHERTYPE_VLAN;
import static macserver.datapath.FrameLayout.ETH_DST;
import static macserver.datapath.FrameLayout.ETH_HEADER;
import static macserver.datapath.FrameLayout.ETH_SRC;
import static macserver.datapath.FrameLayout.ETH_TYPE;
import static macserver.datapath.FrameLayout.IP;
import static macserver.datapath.FrameLayout.IP_DST;
import static macserver.datapath.FrameLayout.IP_FLAGS_FRAGMENT;
import static macserver.datapath.FrameLayout.IP_FRAGMENT_MASK;
import static macserver.datapath.FrameLayout.IP_HEADER;
import static macserver.datapath.FrameLayout.IP_PROTOCOL;
import static macserver.datapath.FrameLayout.IP_SRC;
import static macserver.datapath.FrameLayout.IP_TOTAL_LENGTH;
import static macserver.datapath.FrameLayout.IP_VERSION_IHL;
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
 * Decodes Ethernet II / IPv4 / UDP frames from one receive buffer into one reused
 * {@link UdpFrame}, whose payload is a read-only view of that same buffer. Every check that
 * fails returns a {@link DecodeResult} instead of throwing, and nothing is allocated per frame.
 * One decoder belongs to one receive thread.
 */
public final class FrameDecoder {
    private final ByteBuffer frame;
    private final UdpFrame out = new UdpFrame();

    /** Decodes frames written at position 0 of {@code buffer} (its position and limit are not used). */
    private final boolean verifyUdpChecksum;

    public FrameDecoder(ByteBuffer buffer) {
        this(buffer, true);
    }

    /**
     * @param verifyUdpChecksum false on the receive path: with checksum offload (veth, most NICs)
     *     a raw socket sees the sender's frame before its UDP checksum is filled in (the kernel's
     *     TP_STATUS_CSUMNOTREADY), so a real client's frame would look damaged. The IPv4 header
     *     checksum is always checked; MAC-Telnet carries no integrity of its own either way.
     */
    public FrameDecoder(ByteBuffer buffer, boolean verifyUdpChecksum) {
        this.verifyUdpChecksum = verifyUdpChecksum;
        this.frame = buffer.duplicate().clear().order(ByteOrder.BIG_ENDIAN);
        this.out.payload = buffer.asReadOnlyBuffer().clear();
    }

    /** The frame {@link #decode} fills; its payload is valid until the next decode. */
    public UdpFrame frame() {
        return out;
    }

    /**
     * Decodes the {@code length} bytes at the start of the buffer, received on {@code ifIndex}.
     * On {@link DecodeResult#OK} {@link #frame()} holds the datagram; otherwise its fields are
     * unspecified.
     */
    public DecodeResult decode(int length, int ifIndex) {
        if (length < ETH_HEADER || length > frame.capacity()) {
            return DecodeResult.TRUNCATED;
        }
        int type = frame.getShort(ETH_TYPE) & 0xFFFF;
        if (type != ETHERTYPE_IPV4) {
            return type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ ? DecodeResult.VLAN_TAGGED : DecodeResult.NOT_IPV4;
        }
        if (length < IP + IP_HEADER) {
            return DecodeResult.TRUNCATED;
        }
        int versionIhl = frame.get(IP_VERSION_IHL) & 0xFF;
        if (versionIhl >>> 4 != 4) {
            return DecodeResult.BAD_IP_HEADER;
        }
        if ((versionIhl & 0x0F) != IP_HEADER / 4) {
            return (versionIhl & 0x0F) > IP_HEADER / 4 ? DecodeResult.IP_OPTIONS : DecodeResult.BAD_IP_HEADER;
        }
        int totalLength = frame.getShort(IP_TOTAL_LENGTH) & 0xFFFF;
        if (totalLength < IP_HEADER) {
            return DecodeResult.BAD_IP_HEADER;
        }
        // Ethernet pads short frames, so the frame may be longer than the datagram, never shorter.
        if (IP + totalLength > length) {
            return DecodeResult.TRUNCATED;
        }
        if (InternetChecksum.fold(InternetChecksum.add(0, frame, IP, IP_HEADER)) != 0xFFFF) {
            return DecodeResult.BAD_IP_CHECKSUM;
        }
        if ((frame.getShort(IP_FLAGS_FRAGMENT) & IP_FRAGMENT_MASK) != 0) {
            return DecodeResult.FRAGMENT;
        }
        if ((frame.get(IP_PROTOCOL) & 0xFF) != PROTOCOL_UDP) {
            return DecodeResult.NOT_UDP;
        }
        if (totalLength < IP_HEADER + UDP_HEADER) {
            return DecodeResult.TRUNCATED;
        }
        int udpLength = frame.getShort(UDP_LENGTH) & 0xFFFF;
        if (udpLength < UDP_HEADER || udpLength > totalLength - IP_HEADER) {
            return DecodeResult.BAD_UDP_LENGTH;
        }
        int ipSrc = frame.getInt(IP_SRC);
        int ipDst = frame.getInt(IP_DST);
        if (verifyUdpChecksum && frame.getShort(UDP_CHECKSUM) != 0 && !udpChecksumVerifies(ipSrc, ipDst, udpLength)) {
            return DecodeResult.BAD_UDP_CHECKSUM;
        }
        out.ifIndex = ifIndex;
        out.ethDst = mac(ETH_DST);
        out.ethSrc = mac(ETH_SRC);
        out.ipSrc = ipSrc;
        out.ipDst = ipDst;
        out.srcPort = frame.getShort(UDP_SRC_PORT) & 0xFFFF;
        out.dstPort = frame.getShort(UDP_DST_PORT) & 0xFFFF;
        out.payload.limit(UDP + udpLength).position(PAYLOAD);
        return DecodeResult.OK;
    }

    private boolean udpChecksumVerifies(int ipSrc, int ipDst, int udpLength) {
        int sum = InternetChecksum.addInt(InternetChecksum.addInt(0, ipSrc), ipDst) + PROTOCOL_UDP + udpLength;
        return InternetChecksum.fold(InternetChecksum.add(sum, frame, UDP, udpLength)) == 0xFFFF;
    }

    private long mac(int offset) {
        return (frame.getShort(offset) & 0xFFFFL) << 32 | (frame.getInt(offset + 2) & 0xFFFF_FFFFL);
    }
}
