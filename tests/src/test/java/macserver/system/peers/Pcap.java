package macserver.system.peers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the IPv4 UDP datagrams out of a classic pcap file (what tcpdump -w writes), in capture
 * order: enough to turn a captured session into replay fixtures for the codecs. Link types:
 * Ethernet (with or without one 802.1Q tag), Linux cooked v1 and v2 (tcpdump -i any).
 * Anything else in the file (ARP, IPv6, TCP, fragments after the first) is skipped.
 */
public final class Pcap {
    private static final int ETHERNET = 1;
    private static final int LINUX_SLL = 113;
    private static final int LINUX_SLL2 = 276;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int UDP = 17;

    /**
     * One UDP datagram. MACs are lower-case colon form ("" where the link type has none: cooked
     * captures carry only the source); {@code microsecond} is the capture time since the epoch.
     */
    public record UdpPacket(long microsecond, String sourceMac, String destinationMac, String sourceIp,
                            String destinationIp, int sourcePort, int destinationPort, byte[] payload) {
        public String payloadHex() {
            return HexFormat.of().formatHex(payload);
        }
    }

    private Pcap() {
    }

    /** The UDP payloads only, in order. */
    public static List<byte[]> udpPayloads(Path file) throws IOException {
        return udpPackets(file).stream().map(UdpPacket::payload).toList();
    }

    public static List<UdpPacket> udpPackets(Path file) throws IOException {
        return udpPackets(Files.readAllBytes(file));
    }

    public static List<UdpPacket> udpPackets(byte[] pcap) {
        ByteBuffer in = ByteBuffer.wrap(pcap);
        if (in.remaining() < 24) {
            throw new IllegalArgumentException("not a pcap file: " + pcap.length + " bytes, shorter than its 24-byte header");
        }
        int magic = in.order(ByteOrder.BIG_ENDIAN).getInt(0);
        boolean nanos;
        switch (magic) {
            case 0xa1b2c3d4 -> nanos = false;
            case 0xa1b23c4d -> nanos = true;
            case 0xd4c3b2a1 -> { nanos = false; in.order(ByteOrder.LITTLE_ENDIAN); }
            case 0x4d3cb2a1 -> { nanos = true; in.order(ByteOrder.LITTLE_ENDIAN); }
            default -> throw new IllegalArgumentException(String.format("not a pcap file: magic %08x (pcapng is not read here)", magic));
        }
        int linkType = in.getInt(20) & 0x0fff_ffff;
        if (linkType != ETHERNET && linkType != LINUX_SLL && linkType != LINUX_SLL2) {
            throw new IllegalArgumentException("pcap link type " + linkType + " is not Ethernet or Linux cooked");
        }
        in.position(24);
        List<UdpPacket> packets = new ArrayList<>();
        while (in.remaining() >= 16) {
            long seconds = Integer.toUnsignedLong(in.getInt());
            long fraction = Integer.toUnsignedLong(in.getInt());
            int captured = in.getInt();
            in.getInt(); // original length
            if (captured < 0 || captured > in.remaining()) {
                break; // cut short, as when tcpdump was killed mid-write
            }
            byte[] frame = new byte[captured];
            in.get(frame);
            long micros = seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction);
            UdpPacket packet = decode(ByteBuffer.wrap(frame), linkType, micros);
            if (packet != null) {
                packets.add(packet);
            }
        }
        return List.copyOf(packets);
    }

    private static UdpPacket decode(ByteBuffer frame, int linkType, long micros) {
        String source = "";
        String destination = "";
        int etherType;
        if (linkType == ETHERNET) {
            if (frame.remaining() < 14) {
                return null;
            }
            destination = mac(frame, 0);
            source = mac(frame, 6);
            int offset = 12;
            etherType = frame.getShort(offset) & 0xffff;
            if (etherType == ETHERTYPE_VLAN && frame.remaining() >= 18) {
                offset += 4;
                etherType = frame.getShort(offset) & 0xffff;
            }
            frame.position(offset + 2);
        } else if (linkType == LINUX_SLL) {
            if (frame.remaining() < 16) {
                return null;
            }
            if ((frame.getShort(4) & 0xffff) == 6) {
                source = mac(frame, 6);
            }
            etherType = frame.getShort(14) & 0xffff;
            frame.position(16);
        } else {
            if (frame.remaining() < 20) {
                return null;
            }
            etherType = frame.getShort(0) & 0xffff;
            if ((frame.get(11) & 0xff) == 6) {
                source = mac(frame, 12);
            }
            frame.position(20);
        }
        if (etherType != ETHERTYPE_IPV4) {
            return null;
        }
        ByteBuffer ip = frame.slice();
        if (ip.remaining() < 20 || (ip.get(0) >> 4) != 4) {
            return null;
        }
        int headerLength = (ip.get(0) & 0x0f) * 4;
        int fragmentOffset = ip.getShort(6) & 0x1fff;
        if (ip.get(9) != UDP || fragmentOffset != 0 || ip.remaining() < headerLength + 8) {
            return null;
        }
        int totalLength = ip.getShort(2) & 0xffff;
        int udpLength = ip.getShort(headerLength + 4) & 0xffff;
        int available = Math.min(ip.remaining(), Math.max(totalLength, headerLength + 8)) - headerLength - 8;
        int payloadLength = Math.max(0, Math.min(udpLength - 8, available));
        byte[] payload = new byte[payloadLength];
        ip.get(headerLength + 8, payload);
        return new UdpPacket(micros, source, destination, ipv4(ip, 12), ipv4(ip, 16),
                ip.getShort(headerLength) & 0xffff, ip.getShort(headerLength + 2) & 0xffff, payload);
    }

    private static String mac(ByteBuffer b, int at) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(String.format("%02x", b.get(at + i) & 0xff));
        }
        return s.toString();
    }

    private static String ipv4(ByteBuffer b, int at) {
        return (b.get(at) & 0xff) + "." + (b.get(at + 1) & 0xff) + "." + (b.get(at + 2) & 0xff) + "." + (b.get(at + 3) & 0xff);
    }
}
