package macserver.system.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pcap files built here byte by byte, in both byte orders. */
class PcapTest {
    private static final byte[] PING = HexFormat.of().parseHex("0104923d7aef413eba3096d78dfe00000000");

    @Test
    void returnsUdpDatagramsInOrderAndSkipsOtherFrames() {
        byte[] file = pcap(ByteOrder.LITTLE_ENDIAN, 1,
                ethernetUdp("ff:ff:ff:ff:ff:ff", "92:3d:7a:ef:41:3e", 0x0800, 20561, 20561, PING),
                ethernetUdp("ff:ff:ff:ff:ff:ff", "92:3d:7a:ef:41:3e", 0x0806, 1, 1, new byte[4]), // ARP: skipped
                ethernetUdp("92:3d:7a:ef:41:3e", "ba:30:96:d7:8d:fe", 0x0800, 20561, 1425, new byte[] {1, 2}));
        List<Pcap.UdpPacket> packets = Pcap.udpPackets(file);
        assertEquals(2, packets.size());
        Pcap.UdpPacket first = packets.get(0);
        assertEquals("92:3d:7a:ef:41:3e", first.sourceMac());
        assertEquals("ff:ff:ff:ff:ff:ff", first.destinationMac());
        assertEquals("0.0.0.0", first.sourceIp());
        assertEquals("255.255.255.255", first.destinationIp());
        assertEquals(20561, first.sourcePort());
        assertArrayEquals(PING, first.payload());
        assertEquals(1_000_000L * 7 + 5, first.microsecond());
        assertEquals(1425, packets.get(1).destinationPort());
        assertArrayEquals(new byte[] {1, 2}, packets.get(1).payload());
    }

    @Test
    void readsBigEndianFilesAndStopsAtATruncatedRecord() {
        byte[] whole = pcap(ByteOrder.BIG_ENDIAN, 1, ethernetUdp("ff:ff:ff:ff:ff:ff", "02:00:00:00:00:01", 0x0800, 5678, 5678, PING));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        assertEquals(1, Pcap.udpPackets(whole).size());
        assertEquals(List.of(), Pcap.udpPackets(cut));
    }

    @Test
    void refusesWhatIsNotAClassicPcap() {
        assertThrows(IllegalArgumentException.class, () -> Pcap.udpPackets(new byte[10]));
        assertThrows(IllegalArgumentException.class, () -> Pcap.udpPackets(new byte[24]));
        assertThrows(IllegalArgumentException.class, () -> Pcap.udpPackets(pcap(ByteOrder.LITTLE_ENDIAN, 105)));
    }

    private static byte[] pcap(ByteOrder order, int linkType, byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(order);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        out.writeBytes(header.array());
        for (byte[] frame : frames) {
            ByteBuffer record = ByteBuffer.allocate(16).order(order);
            record.putInt(7).putInt(5).putInt(frame.length).putInt(frame.length);
            out.writeBytes(record.array());
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static byte[] ethernetUdp(String dst, String src, int etherType, int sport, int dport, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + payload.length);
        b.put(HexFormat.ofDelimiter(":").parseHex(dst)).put(HexFormat.ofDelimiter(":").parseHex(src)).putShort((short) etherType);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putInt(0).put((byte) 64).put((byte) 17).putShort((short) 0);
        b.put(new byte[] {0, 0, 0, 0}).put(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255});
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }
}
