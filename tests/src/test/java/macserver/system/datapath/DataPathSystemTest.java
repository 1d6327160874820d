package macserver.system.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data path on real raw sockets between two namespaces joined by veth (as root). The server
 * side runs {@link DataPathProbe} in namespace A, the peer in B; frames on the wire are checked
 * with tcpdump, which shares no code with the firmware.
 */
class DataPathSystemTest {
    private static final int WAIT = 30;
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final Pattern COUNTERS = Pattern.compile("(\\w+)=(\\d+)");
    private static VethLab lab;
    private static String macA;
    private static String macB;

    @BeforeAll
    static void createLab() throws Exception {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assertEquals(0, uid, "the data-path system tests open raw sockets in network namespaces they create,"
                + " so they must run as root (as in CI): run 'sudo make test'");
        lab = VethLab.create();
        macA = lab.mac(lab.nsA, lab.ifA);
        macB = lab.mac(lab.nsB, lab.ifB);
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    /**
     * The probe's class path: the entries inside this repository (the firmware and this module's
     * test classes), none from the Maven repository, which user nobody may not be able to read.
     */
    private static String probeClassPath() {
        String repo = Path.of(System.getProperty("macserver.root", "..")).toAbsolutePath().normalize() + "/";
        return Arrays.stream(System.getProperty("java.class.path").split(":"))
                .filter(entry -> Path.of(entry).toAbsolutePath().normalize().toString().startsWith(repo))
                .collect(Collectors.joining(":"));
    }

    private static LineProcess probe(String ns, List<String> prefix, String mode, String iface) throws IOException {
        List<String> command = VethLab.command("ip", "netns", "exec", ns);
        command.addAll(prefix);
        command.addAll(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", probeClassPath(),
                DataPathProbe.class.getName(), mode, iface));
        return LineProcess.start(command);
    }

    private static Map<String, Long> counters(String line) {
        Matcher m = COUNTERS.matcher(line);
        Map<String, Long> values = new java.util.TreeMap<>();
        while (m.find()) {
            values.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return values;
    }

    @Test
    void decodesFramesForItsPortsAndTheKernelFilterDropsTheRest() throws Exception {
        try (LineProcess server = probe(lab.nsA, List.of(), "serve", lab.ifA);
                LineProcess peer = probe(lab.nsB, List.of(), "inject", lab.ifB)) {
            server.awaitPrefix("ready ", WAIT);
            peer.awaitPrefix("ready ", WAIT);
            String[] frames = {
                "udp " + macA + " 1057 20561 one",
                "udp " + macA + " 5678 5678 two",
                "udp " + macA + " 20561 20562 other-port",
                "udp " + macA + " 20561 53 dns-port",
                "udp " + macA + " 1057 20561 tcp tcp",
                "udp " + macA + " 1057 20561 arp arp",
                "udp " + macA + " 1057 20561 frag fragment",
                "udp " + macA + " 1057 20561 bad-udp udp-checksum",
                "udp " + macA + " 1057 20561 bad-ip ip-checksum",
                // Last, as a marker: once it is seen, every frame before it has been through the path.
                "udp ffffffffffff 20561 20561 broadcast",
            };
            for (String frame : frames) {
                peer.send(frame);
                peer.awaitPrefix("injected", WAIT);
            }

            String one = server.awaitPrefix("frame ", WAIT);
            String two = server.awaitPrefix("frame ", WAIT);
            String badUdp = server.awaitPrefix("frame ", WAIT);
            String last = server.awaitPrefix("frame ", WAIT);
            server.send("counters");
            Map<String, Long> c = counters(server.awaitPrefix("counters ", WAIT));

            String ifIndexA = VethLab.run("ip", "netns", "exec", lab.nsA, "cat", "/sys/class/net/" + lab.ifA + "/ifindex").strip();
            assertEquals("frame if=" + ifIndexA + " ethSrc=" + macB + " ethDst=" + macA
                    + " ipSrc=0 ipDst=ffffffff sport=1057 dport=20561 payload=one", one);
            assertTrue(two.endsWith(" sport=5678 dport=5678 payload=two"), two);
            // UDP checksums are not checked on receive (offload leaves them unfinished for raw sockets).
            assertTrue(badUdp.endsWith(" payload=bad-udp"), badUdp);
            assertTrue(last.contains(" ethDst=ffffffffffff ") && last.endsWith(" payload=broadcast"), last);
            // Of ten frames, the kernel passed five: four handled, one with a bad IP checksum dropped.
            assertEquals(5, c.get("received"), c.toString());
            assertEquals(4, c.get("handled"), c.toString());
            assertEquals(1, c.get("malformed"), c.toString());
            assertEquals(0, c.get("handlerErrors") + c.get("receiveErrors") + c.get("sendErrors"), c.toString());
            // The probe echoes each handled frame; its own four replies never come back to it.
            assertEquals(4, c.get("sent"), c.toString());

            server.send("quit");
            server.awaitPrefix("closed", WAIT);
            assertEquals(0, server.awaitExit(WAIT));
        }
    }

    /**
     * recvmmsg through the FFM API: frames queued before the receive come out in order, whole,
     * as many per call as the batch holds, and a call does not wait for a batch to fill. The
     * warm-up before each receive takes none of them (and each of its sends was refused).
     */
    @Test
    void aReceiveBatchTakesTheQueuedFramesInOrderUpToItsCapacity() throws Exception {
        try (LineProcess receiver = probe(lab.nsA, List.of(), "batch", lab.ifA);
                LineProcess peer = probe(lab.nsB, List.of(), "inject", lab.ifB)) {
            receiver.awaitPrefix("ready ", WAIT);
            peer.awaitPrefix("ready ", WAIT);
            for (int port = 1001; port <= 1010; port++) {
                // The sixth is TCP, which the kernel filter drops: it never takes a slot.
                peer.send("udp " + macA + " " + port + " 20561 payload-" + port + (port == 1006 ? " tcp" : ""));
                peer.awaitPrefix("injected", WAIT);
            }
            receiver.send("receive 9");
            // 14 + 20 + 8 header bytes and 12 payload bytes, padded to the 60-byte Ethernet minimum.
            assertEquals("warm 1000 calls 4 4 1 frames 1001/60 1002/60 1003/60 1004/60 1005/60 1007/60 1008/60 1009/60 1010/60",
                    receiver.awaitPrefix("warm ", WAIT));

            peer.send("udp " + macA + " 1011 20561 x");
            peer.awaitPrefix("injected", WAIT);
            receiver.send("receive 1");
            assertEquals("warm 1000 calls 1 frames 1011/60", receiver.awaitPrefix("warm ", WAIT));
            receiver.send("quit");
            assertEquals(0, receiver.awaitExit(WAIT));
        }
    }

    @Test
    void sentFramesCarryTheReferenceServersRawHeaders(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("a.pcap");
        List<String> tcpdump = VethLab.command("ip", "netns", "exec", lab.nsB, "tcpdump", "-i", lab.ifB, "-n", "-U",
                "-c", "2", "-w", pcap.toString(), "ether src " + colons(macA) + " and udp");
        try (LineProcess capture = LineProcess.start(tcpdump);
                LineProcess server = probe(lab.nsA, List.of(), "serve", lab.ifA);
                LineProcess peer = probe(lab.nsB, List.of(), "inject", lab.ifB)) {
            capture.await(line -> line.contains("listening on"), "tcpdump to listen", WAIT);
            server.awaitPrefix("ready ", WAIT);
            peer.awaitPrefix("ready ", WAIT);

            // A reply through the handler (echo to the client's port), then a send from outside it.
            peer.send("udp " + macA + " 1057 20561 ping");
            server.awaitPrefix("frame ", WAIT);
            server.send("send " + macB + " 0 ffffffff 20561 1058 " + "00".repeat(3));
            server.awaitPrefix("sent", WAIT);
            assertEquals(0, capture.awaitExit(WAIT));
            server.send("quit");
        }

        List<byte[]> frames = readPcap(pcap);
        assertEquals(2, frames.size());
        int previousId = -1;
        int[] dports = {1057, 1058};
        int[] payloads = {4, 3};
        for (int i = 0; i < 2; i++) {
            ByteBuffer f = ByteBuffer.wrap(frames.get(i)).order(ByteOrder.BIG_ENDIAN);
            assertEquals(macB, hex(f, 0, 6), "Ethernet destination is the client, not broadcast");
            assertEquals(macA, hex(f, 6, 6));
            assertEquals(0x0800, f.getShort(12) & 0xFFFF);
            assertEquals(0x45, f.get(14));
            assertEquals(0x10, f.get(15), "TOS");
            assertEquals(28 + payloads[i], f.getShort(16));
            assertEquals(0x4000, f.getShort(20), "DF and no fragment offset");
            assertEquals(64, f.get(22), "TTL");
            assertEquals(17, f.get(23));
            assertEquals(0, f.getInt(26), "IP source 0.0.0.0");
            assertEquals(-1, f.getInt(30), "IP destination 255.255.255.255");
            assertEquals(20561, f.getShort(34) & 0xFFFF);
            assertEquals(dports[i], f.getShort(36) & 0xFFFF);
            int id = f.getShort(18) & 0xFFFF;
            if (previousId >= 0) {
                assertEquals((previousId + 1) & 0xFFFF, id, "IP id counts up per frame");
            }
            previousId = id;
        }
        // tcpdump verifies both checksums itself: -v names a bad IP checksum, -vv checks UDP's.
        String decoded = VethLab.run("tcpdump", "-r", pcap.toString(), "-n", "-e", "-vv");
        assertEquals(2, decoded.lines().filter(l -> l.contains("tos 0x10, ttl 64") && l.contains("flags [DF]")).count(),
                decoded);
        assertEquals(2, decoded.lines().filter(l -> l.contains("[udp sum ok]")).count(), decoded);
        assertFalse(decoded.contains("bad cksum"), decoded);
    }

    @Test
    void withoutRawSocketPrivilegeItSaysSoInOneLine() throws Exception {
        String expected = "error raw sockets need root or CAP_NET_RAW; MAC-Telnet, MAC-Ping and MNDP are off"
                + " (socket(AF_PACKET, SOCK_RAW) failed: EPERM)";
        List<List<String>> unprivileged = List.of(
                List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                List.of("setpriv", "--inh-caps=-net_raw", "--bounding-set=-net_raw"));
        for (List<String> drop : unprivileged) {
            try (LineProcess server = probe(lab.nsA, drop, "serve", lab.ifA)) {
                assertEquals(expected, server.awaitPrefix("error ", WAIT), "as " + drop);
                assertEquals(3, server.awaitExit(WAIT));
            }
        }
    }

    /**
     * Report only, no assertion on speed: frames per second a no-op handler gets with the receive
     * side pinned to one core and a flood from the peer namespace on the other. Bounded by a
     * frame count and by time.
     */
    @Test
    void measuresTheReceiveRateUnderAFlood() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> serverCpu = cores > 1 ? List.of("taskset", "-c", "0") : List.of();
        List<String> peerCpu = cores > 1 ? List.of("taskset", "-c", "1") : List.of();
        try (LineProcess server = probe(lab.nsA, serverCpu, "count", lab.ifA);
                LineProcess peer = probe(lab.nsB, peerCpu, "inject", lab.ifB)) {
            server.awaitPrefix("ready ", WAIT);
            peer.awaitPrefix("ready ", WAIT);
            // Warm-up until the receive path is compiled: two rounds, a million frames or 2 s each.
            for (int round = 0; round < 2; round++) {
                peer.send("flood " + macA + " 1000000 2000");
                peer.awaitPrefix("flooded ", WAIT);
            }
            server.send("counters");
            Map<String, Long> warm = counters(server.awaitPrefix("counters ", WAIT));
            long warmAllocated = Long.parseLong(server.awaitPrefix("rx-allocated ", WAIT).split(" ")[1]);

            peer.send("flood " + macA + " 5000000 5000");
            Map<String, Long> flood = counters(peer.awaitPrefix("flooded ", WAIT));
            Thread.sleep(500); // let the receiver drain its queue
            server.send("quit");
            Map<String, Long> c = counters(server.awaitPrefix("counters ", WAIT));
            long span = Long.parseLong(server.awaitPrefix("span-nanos ", WAIT).split(" ")[1]);
            long rxAllocated = Long.parseLong(server.awaitPrefix("rx-allocated ", WAIT).split(" ")[1]);

            long handled = c.get("handled");
            assertEquals(c.get("received"), handled + c.get("malformed"));
            assertEquals(0, c.get("malformed"));
            assertTrue(handled > warm.get("handled"), c.toString());
            // No allocation per frame once warm: the receive thread's heap use during the flood
            // stays far below one byte per frame.
            long floodFrames = handled - warm.get("handled");
            long floodAllocated = rxAllocated - warmAllocated;
            assertTrue(floodAllocated < floodFrames / 10,
                    "receive thread allocated " + floodAllocated + " bytes for " + floodFrames + " frames");
            double sendRate = flood.get("sent") / (flood.get("nanos") / 1e9);
            double receiveRate = floodFrames / (span / 1e9);
            System.out.printf(Locale.ROOT, "datapath flood (%d cores): peer sent %,d frames at %,.0f/s (%,d send errors);"
                    + " handler got %,d at %,.0f/s over %.2f s; kernel dropped %,d (socket buffer full);"
                    + " receive thread allocated %,d bytes during the flood (%,d since it started)%n",
                    cores, flood.get("sent"), sendRate, flood.get("failed"), floodFrames, receiveRate, span / 1e9,
                    c.get("kernelDrops"), floodAllocated, rxAllocated);
        }
    }

    private static String colons(String mac) {
        return mac.replaceAll("(..)(?!$)", "$1:");
    }

    private static String hex(ByteBuffer b, int offset, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(String.format("%02x", b.get(offset + i)));
        }
        return s.toString();
    }

    /** The frames of a classic pcap file (either byte order, micro- or nanosecond stamps). */
    private static List<byte[]> readPcap(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xA1B2C3D4 && magic != 0xA1B23C4D) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        List<byte[]> frames = new ArrayList<>();
        int at = 24;
        while (at + 16 <= b.limit()) {
            int captured = b.getInt(at + 8);
            byte[] frame = new byte[captured];
            b.get(at + 16, frame);
            frames.add(frame);
            at += 16 + captured;
        }
        return frames;
    }
}
