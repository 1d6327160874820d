package macserver.datapath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataPathTest {
    private static final LinkInfo ETHER1 = new LinkInfo("ether1", 4, 0x4C_5E_0C_00_00_01L, 0xC0A8_5801);
    private static final LinkInfo ETHER2 = new LinkInfo("ether2", 5, 0x4C_5E_0C_00_00_02L, 0);
    /** Bounds every wait on the receive threads; the tests assert outcomes, never durations. */
    private static final long WAIT_MILLIS = 10_000;

    private final Map<String, FakePacketPort> ports = Map.of("ether1", new FakePacketPort(), "ether2", new FakePacketPort());
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private DataPath dataPath;

    @AfterEach
    void close() {
        if (dataPath != null) {
            dataPath.close();
        }
    }

    private DataPath open(UdpFrameHandler handler) throws DataPathException {
        dataPath = DataPath.open(List.of(ETHER1, ETHER2), link -> ports.get(link.name()), handler);
        return dataPath;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void handsDecodedFramesToTheHandlerOnTheirLinksThread() throws Exception {
        open((frame, sender) -> {
            byte[] payload = new byte[frame.payload.remaining()];
            frame.payload.duplicate().get(payload);
            seen.add(frame.ifIndex + " " + frame.srcPort + "->" + frame.dstPort + " "
                    + new String(payload, StandardCharsets.US_ASCII) + " on " + Thread.currentThread().getName());
        });

        ports.get("ether2").incoming.add(TestFrames.udp(1100, 20561, "hi".getBytes(StandardCharsets.US_ASCII)));
        ports.get("ether1").incoming.add(TestFrames.udp(5678, 5678, "mndp".getBytes(StandardCharsets.US_ASCII)));

        List<String> lines = new ArrayList<>(List.of(seen.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS),
                seen.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)));
        lines.sort(null);
        assertEquals(List.of("4 5678->5678 mndp on datapath-rx-ether1", "5 1100->20561 hi on datapath-rx-ether2"), lines);
        assertEquals(List.of(ETHER1, ETHER2), dataPath.links());
    }

    @Test
    void countsMalformedFramesAndHandlerFailuresAndKeepsReceiving() throws Exception {
        open((frame, sender) -> {
            if (frame.srcPort == 666) {
                throw new IllegalStateException("handler bug");
            }
            seen.add("port " + frame.srcPort);
        });
        FakePacketPort port = ports.get("ether1");
        byte[] badChecksum = TestFrames.udp(1, 20561, new byte[4]);
        badChecksum[24] ^= 1;
        port.incoming.add(badChecksum);
        port.incoming.add(Arrays.copyOf(TestFrames.udp(1, 20561, new byte[4]), 30));
        port.incoming.add(TestFrames.udp(666, 20561, new byte[4]));
        port.incoming.add(FakePacketPort.RECEIVE_ERROR);
        port.incoming.add(TestFrames.udp(1234, 20561, new byte[4]));

        assertEquals("port 1234", seen.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        DataPathCounters c = dataPath.counters(ETHER1.ifIndex());
        assertEquals(new DataPathCounters(4, 2, 2, 1, 1, 0, 0, 3), c);
        assertEquals(DataPathCounters.ZERO.plus(new DataPathCounters(0, 0, 0, 0, 0, 0, 0, 3)),
                dataPath.counters(ETHER2.ifIndex()));
        assertEquals(c.plus(dataPath.counters(ETHER2.ifIndex())), dataPath.counters());
        assertThrows(IllegalArgumentException.class, () -> dataPath.counters(99));
    }

    @Test
    void senderBuildsFramesFromTheLinksOwnMacOnThatLink() throws Exception {
        open((frame, sender) -> {
            try {
                // The reply path of the raw mode: unicast to the client, 0.0.0.0 -> broadcast.
                sender.send(frame.ifIndex, frame.ethSrc, 0, 0xFFFF_FFFF, 20561, frame.srcPort, frame.payload);
            } catch (java.io.IOException e) {
                seen.add("failed: " + e.getMessage());
            }
        });
        ports.get("ether2").incoming.add(TestFrames.udp(1500, 20561, "ping".getBytes(StandardCharsets.US_ASCII)));

        await(() -> !ports.get("ether2").sent.isEmpty(), "the reply");
        byte[] reply = ports.get("ether2").sent.getFirst();
        FrameDecoder decoder = new FrameDecoder(TestFrames.direct(reply));
        assertEquals(DecodeResult.OK, decoder.decode(reply.length, 5));
        UdpFrame f = decoder.frame();
        assertEquals(ETHER2.mac(), f.ethSrc);
        assertEquals(TestFrames.CLIENT_MAC, f.ethDst);
        assertEquals(0, f.ipSrc);
        assertEquals(1500, f.dstPort);
        byte[] payload = new byte[f.payload.remaining()];
        f.payload.get(payload);
        assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), payload);
        assertTrue(ports.get("ether1").sent.isEmpty());
        assertEquals(1, dataPath.counters(ETHER2.ifIndex()).sent());
        assertTrue(seen.isEmpty(), seen::toString);
    }

    @Test
    void senderAnswersForKnownLinksAndRefusesBadSends() throws Exception {
        FrameSender sender = open((frame, s) -> { }).sender();

        assertEquals(ETHER1.mac(), sender.macOf(4));
        assertEquals(0xC0A8_5801, sender.ipv4Of(4));
        assertEquals(0, sender.ipv4Of(5));
        assertEquals(-1, sender.macOf(6));
        assertEquals(0, sender.ipv4Of(6));

        DataPathException unknown = assertThrows(DataPathException.class,
                () -> sender.send(6, 1, 0, -1, 20561, 20561, ByteBuffer.allocate(1)));
        assertTrue(unknown.getMessage().contains("ifindex 6"), unknown.getMessage());
        DataPathException big = assertThrows(DataPathException.class,
                () -> sender.send(4, 1, 0, -1, 20561, 20561, ByteBuffer.allocate(1473)));
        assertTrue(big.getMessage().startsWith("ether1: payload of 1473 bytes"), big.getMessage());
        ports.get("ether1").sendFailure = DataPathException.ofErrno("send on ifindex 4", 105);
        DataPathException noBuffers = assertThrows(DataPathException.class,
                () -> sender.send(4, 1, 0, -1, 20561, 20561, ByteBuffer.allocate(10)));
        assertEquals("ENOBUFS", noBuffers.errno());
        assertEquals(2, dataPath.counters(4).sendErrors());
        assertEquals(0, dataPath.counters(4).sent());
    }

    @Test
    void closeStopsTheReceiveThreadsClosesThePortsAndEndsSending() throws Exception {
        FrameSender sender = open((frame, s) -> { }).sender();
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("datapath-rx-ether")).toList();
        assertEquals(2, threads.size());
        assertTrue(threads.stream().noneMatch(Thread::isVirtual));

        dataPath.close();

        for (Thread t : threads) {
            assertFalse(t.isAlive(), t.getName() + " still running after close");
        }
        assertTrue(ports.values().stream().allMatch(p -> p.closed.get()));
        DataPathException e = assertThrows(DataPathException.class,
                () -> sender.send(4, 1, 0, -1, 20561, 20561, ByteBuffer.allocate(1)));
        assertEquals("the data path is closed", e.getMessage());
        dataPath.close(); // twice is harmless
    }

    @Test
    void aHandlerMayCloseTheDataPathItRunsIn() throws Exception {
        open((frame, sender) -> {
            dataPath.close();
            seen.add("close returned");
        });
        ports.get("ether1").incoming.add(TestFrames.udp(1, 20561, new byte[1]));

        assertEquals("close returned", seen.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        await(() -> ports.values().stream().allMatch(p -> p.closed.get()), "both ports closed");
    }

    @Test
    void aFailedOpenClosesThePortsAlreadyOpen() {
        DataPathException refused = DataPathException.ofErrno("socket(AF_PACKET, SOCK_RAW)", 1);
        DataPathException e = assertThrows(DataPathException.class, () -> DataPath.open(List.of(ETHER1, ETHER2), link -> {
            if (link == ETHER2) {
                throw refused;
            }
            return ports.get(link.name());
        }, (frame, sender) -> { }));

        assertSame(refused, e);
        assertTrue(ports.get("ether1").closed.get());
        assertTrue(e.isPermissionDenied());
    }

    @Test
    void openByNameRefusesUnknownAndRepeatedInterfacesBeforeAnySocket() {
        DataPathException unknown = assertThrows(DataPathException.class,
                () -> DataPath.open(List.of("no-such-if0"), (frame, sender) -> { }));
        assertEquals("no network interface named no-such-if0", unknown.getMessage());
        DataPathException twice = assertThrows(DataPathException.class,
                () -> DataPath.open(List.of("lo", "lo"), (frame, sender) -> { }));
        assertEquals("interface lo is listed twice", twice.getMessage());
        DataPathException noMac = assertThrows(DataPathException.class,
                () -> DataPath.open(List.of("lo"), (frame, sender) -> { }));
        assertEquals("interface lo has no Ethernet MAC address", noMac.getMessage());
    }
}
