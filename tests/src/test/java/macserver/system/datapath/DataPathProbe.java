package macserver.system.datapath;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import macserver.datapath.DataPath;
import macserver.datapath.DataPathCounters;
import macserver.datapath.DataPathException;
import macserver.datapath.FrameEncoder;
import macserver.datapath.FrameSender;
import macserver.datapath.LinkInfo;
import macserver.datapath.RawSocket;
import macserver.datapath.ReceiveBatch;
import macserver.datapath.UdpFrame;
import macserver.datapath.UdpFrameHandler;
import macserver.datapath.UdpPortFilter;

/**
 * The Java side of the data-path system tests, run as a child process inside a test namespace
 * ({@code ip netns exec <ns> java ... DataPathProbe <mode> <interface> ...}): a JVM thread cannot
 * move into another network namespace, a process started there can. Talks by lines: commands on
 * standard input, results on standard output.
 *
 * <ul>
 * <li>{@code serve <if>}: DataPath on the interface, prints each frame and echoes it back to its
 *     sender (20561 -> the client's port, 0.0.0.0 -> 255.255.255.255); commands {@code send},
 *     {@code counters}, {@code quit}.
 * <li>{@code count <if>}: DataPath with a handler that only notes the time; {@code quit} prints
 *     the span from the first frame after the last {@code counters} to the last frame.
 * <li>{@code batch <if>}: a raw socket with the MAC server's filter and a receive batch of 4
 *     slots; {@code receive <frames>} first warms the socket up (1000 idle rounds, printing how
 *     many went as planned), then receives until that many frames have come (or 10 s pass) and
 *     prints each call's frame count and each frame's source port and length.
 * <li>{@code inject <if>}: a raw socket without filter; {@code udp ...} sends test frames,
 *     {@code flood ...} sends many.
 * </ul>
 */
public final class DataPathProbe {
    private static final PrintStream OUT = System.out;
    private static final HexFormat HEX = HexFormat.of();

    private DataPathProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String iface = args[1];
        try {
            switch (mode) {
                case "serve" -> serve(iface, false);
                case "count" -> serve(iface, true);
                case "batch" -> batch(iface);
                case "inject" -> inject(iface);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        } catch (DataPathException e) {
            OUT.println("error " + e.getMessage());
            OUT.flush();
            System.exit(3);
        }
        System.exit(0);
    }

    private static void serve(String iface, boolean countOnly) throws IOException {
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        UdpFrameHandler handler = countOnly ? (frame, sender) -> {
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            last.setPlain(now);
        } : DataPathProbe::printAndEcho;
        try (DataPath dataPath = DataPath.open(List.of(iface), handler)) {
            LinkInfo link = dataPath.links().getFirst();
            OUT.println("ready " + link.ifIndex() + " " + "%012x".formatted(link.mac()));
            OUT.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                String[] w = line.split(" ");
                switch (w[0]) {
                    case "counters" -> {
                        OUT.println(counters(dataPath.counters()));
                        OUT.println("rx-allocated " + allocatedBy("datapath-rx-" + iface));
                        first.set(0); // the next span starts at the next frame
                    }
                    case "send" -> {
                        // send <ethDst hex> <ipSrc hex> <ipDst hex> <sport> <dport> <payload hex>
                        try {
                            dataPath.sender().send(link.ifIndex(), Long.parseLong(w[1], 16), (int) Long.parseLong(w[2], 16),
                                    (int) Long.parseLong(w[3], 16), Integer.parseInt(w[4]), Integer.parseInt(w[5]),
                                    ByteBuffer.wrap(HEX.parseHex(w[6])));
                            OUT.println("sent");
                        } catch (IOException e) {
                            OUT.println("send-error " + e.getMessage());
                        }
                    }
                    default -> OUT.println("unknown " + line);
                }
                OUT.flush();
            }
            DataPathCounters c = dataPath.counters();
            long spanNanos = first.get() == 0 ? 0 : last.get() - first.get();
            long rxAllocated = allocatedBy("datapath-rx-" + iface);
            dataPath.close();
            OUT.println(counters(c));
            if (countOnly) {
                OUT.println("span-nanos " + spanNanos);
                OUT.println("rx-allocated " + rxAllocated);
            }
            OUT.println("closed");
            OUT.flush();
        }
    }

    /** Heap bytes a live thread has allocated since it started (the JVM's per-thread counter). */
    private static long allocatedBy(String threadName) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(threadName)) {
                return threads.getThreadAllocatedBytes(t.threadId());
            }
        }
        throw new IllegalStateException("no thread " + threadName);
    }

    private static String counters(DataPathCounters c) {
        return "counters received=" + c.received() + " handled=" + c.handled() + " malformed=" + c.malformed()
                + " handlerErrors=" + c.handlerErrors() + " receiveErrors=" + c.receiveErrors() + " sent=" + c.sent()
                + " sendErrors=" + c.sendErrors() + " kernelDrops=" + c.kernelDrops();
    }

    private static void printAndEcho(UdpFrame frame, FrameSender sender) {
        byte[] payload = new byte[frame.payload.remaining()];
        frame.payload.duplicate().get(payload);
        // Reply first, so a test that sees the line knows the reply has gone out.
        try {
            sender.send(frame.ifIndex, frame.ethSrc, 0, 0xFFFF_FFFF, 20561, frame.srcPort, frame.payload);
        } catch (IOException e) {
            OUT.println("echo-error " + e.getMessage());
        }
        synchronized (OUT) {
            OUT.println("frame if=" + frame.ifIndex + " ethSrc=" + "%012x".formatted(frame.ethSrc) + " ethDst="
                    + "%012x".formatted(frame.ethDst) + " ipSrc=" + Integer.toHexString(frame.ipSrc) + " ipDst="
                    + Integer.toHexString(frame.ipDst) + " sport=" + frame.srcPort + " dport=" + frame.dstPort
                    + " payload=" + new String(payload, StandardCharsets.US_ASCII));
            OUT.flush();
        }
    }

    private static void batch(String iface) throws IOException {
        int ifIndex = Integer.parseInt(Files.readString(Path.of("/sys/class/net", iface, "ifindex")).strip());
        ReceiveBatch batch = new ReceiveBatch(4);
        try (RawSocket socket = RawSocket.open(ifIndex, UdpPortFilter.macServer(), Duration.ofMillis(100))) {
            OUT.println("ready " + ifIndex);
            OUT.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                int wanted = Integer.parseInt(line.split(" ")[1]);
                StringBuilder calls = new StringBuilder("warm " + socket.warmUp(batch, 1000) + " calls");
                StringBuilder frames = new StringBuilder("frames");
                long deadline = System.nanoTime() + 10_000_000_000L;
                for (int got = 0; got < wanted && System.nanoTime() < deadline; ) {
                    int n = socket.receive(batch);
                    if (n > 0) {
                        calls.append(' ').append(n);
                    }
                    for (int i = 0; i < n; i++) {
                        ByteBuffer frame = batch.slot(i).asByteBuffer();
                        frames.append(' ').append(frame.getShort(34) & 0xFFFF).append('/').append(batch.length(i));
                        got++;
                    }
                }
                OUT.println(calls + " " + frames);
                OUT.flush();
            }
        }
    }

    /** Frames built with the firmware's encoder, then damaged on purpose where a test asks for it. */
    private static void inject(String iface) throws IOException {
        // sysfs, which ip netns exec mounts for the namespace: independent of the data path's own look-up.
        Path sys = Path.of("/sys/class/net", iface);
        int ifIndex = Integer.parseInt(Files.readString(sys.resolve("ifindex")).strip());
        long mac = Long.parseLong(Files.readString(sys.resolve("address")).strip().replace(":", ""), 16);
        MemorySegment buffer = Arena.ofAuto().allocate(FrameEncoder.MAX_FRAME_BYTES);
        ByteBuffer frame = buffer.asByteBuffer();
        FrameEncoder encoder = new FrameEncoder(frame, 1);
        try (RawSocket socket = RawSocket.open(ifIndex, null, Duration.ofMillis(100))) {
            OUT.println("ready " + ifIndex + " " + "%012x".formatted(mac));
            OUT.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                String[] w = line.split(" ");
                switch (w[0]) {
                    case "udp" -> {
                        // udp <ethDst hex> <sport> <dport> <payload text> [damage]
                        int length = encoder.encode(mac, Long.parseLong(w[1], 16), 0, 0xFFFF_FFFF, Integer.parseInt(w[2]),
                                Integer.parseInt(w[3]), ByteBuffer.wrap(w[4].getBytes(StandardCharsets.US_ASCII)));
                        damage(frame, w.length > 5 ? w[5] : "none");
                        socket.send(buffer, length);
                        OUT.println("injected");
                    }
                    case "flood" -> OUT.println(flood(socket, buffer, encoder, mac, Long.parseLong(w[1], 16),
                            Long.parseLong(w[2]), Long.parseLong(w[3])));
                    default -> OUT.println("unknown " + line);
                }
                OUT.flush();
            }
        }
    }

    private static void damage(ByteBuffer frame, String how) {
        switch (how) {
            case "none" -> { }
            case "udp-checksum" -> frame.put(41, (byte) (frame.get(41) ^ 0x5A));
            case "ip-checksum" -> frame.put(25, (byte) (frame.get(25) ^ 0x5A));
            // The kernel filter drops these three before they are copied to the data path.
            case "tcp" -> frame.put(23, (byte) 6);
            case "fragment" -> frame.putShort(20, (short) 0x2000);
            case "arp" -> frame.putShort(12, (short) 0x0806);
            default -> throw new IllegalArgumentException("unknown damage " + how);
        }
    }

    /** Sends up to {@code count} MAC-Telnet-sized frames to port 20561 for at most {@code millis}. */
    private static String flood(RawSocket socket, MemorySegment buffer, FrameEncoder encoder, long mac, long dst,
            long count, long millis) {
        byte[] payload = new byte[30]; // a MAC-Telnet ACK is 22 bytes; data packets a little more
        int length = encoder.encode(mac, dst, 0, 0xFFFF_FFFF, 1234, 20561, ByteBuffer.wrap(payload));
        long deadline = System.nanoTime() + millis * 1_000_000;
        long sent = 0;
        long failed = 0;
        long start = System.nanoTime();
        for (long i = 0; sent < count && i < 2 * count; i++) {
            if ((i & 1023) == 0 && System.nanoTime() > deadline) {
                break;
            }
            try {
                socket.send(buffer, length);
                sent++;
            } catch (DataPathException e) {
                failed++; // ENOBUFS when the device queue is full: count it and go on
            }
        }
        return "flooded sent=" + sent + " failed=" + failed + " nanos=" + (System.nanoTime() - start);
    }
}
