package macserver.bench.load;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import macserver.datapath.DataPathException;
import macserver.datapath.DecodeResult;
import macserver.datapath.FrameDecoder;
import macserver.datapath.FrameEncoder;
import macserver.datapath.RawSocket;
import macserver.datapath.UdpFrame;
import macserver.mactelnet.Direction;
import macserver.mactelnet.MtDecodeResult;
import macserver.mactelnet.MtHeader;
import macserver.mactelnet.MtPacketDecoder;
import macserver.mactelnet.MtPacketEncoder;
import macserver.mactelnet.MtPacketType;

/**
 * The load generator's end of the segment: one raw socket on the client interface that sends
 * MAC-Telnet and MAC-Ping frames from any source MAC, and one receive thread that hands each
 * server packet to the session it names (receiver MAC and session key) or to the PONG listener.
 * Works the same against a server that answers with unicast raw frames (the firmware) and one
 * that broadcasts UDP (mactelnetd 0.4.4): only the MAC-Telnet header is looked at.
 */
final class LoadWire implements AutoCloseable {

    /** Gets the packets of one session (or all PONGs); called on the receive thread, must not block. */
    @FunctionalInterface
    interface Listener {
        void onPacket(int type, int counter, byte[] payload, long receivedNanos);
    }

    private static final int IP_BROADCAST = 0xFFFF_FFFF;

    private final RawSocket socket;
    private final long serverMac;
    private final MemorySegment txFrame = Arena.ofAuto().allocate(FrameEncoder.MAX_FRAME_BYTES);
    private final FrameEncoder encoder = new FrameEncoder(txFrame.asByteBuffer(), 1);
    private final ByteBuffer txPayload = ByteBuffer.allocate(FrameEncoder.MAX_PAYLOAD_BYTES);
    private final Map<Long, Listener> sessions = new ConcurrentHashMap<>();
    private volatile Listener pongs;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong serverPackets = new AtomicLong();
    private final AtomicLong unclaimed = new AtomicLong();
    private final Thread receiver;
    private volatile boolean open = true;

    private LoadWire(RawSocket socket, long serverMac) {
        this.socket = socket;
        this.serverMac = serverMac;
        this.receiver = Thread.ofPlatform().daemon().name("load-rx").start(this::receiveLoop);
    }

    /** Opens the wire on interface {@code ifName} (of this process's namespace) towards {@code serverMac}. */
    static LoadWire open(String ifName, long serverMac) throws java.io.IOException {
        int ifIndex = Integer.parseInt(Files.readString(Path.of("/sys/class/net", ifName, "ifindex")).strip());
        return new LoadWire(RawSocket.open(ifIndex, null, Duration.ofMillis(100)), serverMac);
    }

    long serverMac() {
        return serverMac;
    }

    static long sessionId(long mac, int key) {
        return mac << 16 | (key & 0xFFFF);
    }

    void register(long mac, int key, Listener listener) {
        sessions.put(sessionId(mac, key), listener);
    }

    void unregister(long mac, int key) {
        sessions.remove(sessionId(mac, key));
    }

    void onPongs(Listener listener) {
        pongs = listener;
    }

    /** One client-to-server MAC-Telnet packet from {@code mac}, UDP {@code port} -> 20561, IP 0.0.0.0 -> broadcast. */
    synchronized void send(long mac, int port, int type, int key, int counter, byte[] payload) {
        txPayload.clear();
        MtPacketEncoder.writeHeader(txPayload, Direction.CLIENT_TO_SERVER, type, mac, serverMac, key, counter);
        txPayload.put(payload).flip();
        transmit(mac, port, txPayload);
    }

    /** A MAC-Ping from {@code mac} with {@code payload}, as macping sends it (20561 -> 20561, unicast). */
    synchronized void ping(long mac, byte[] payload) {
        txPayload.clear();
        MtPacketEncoder.writePingHeader(txPayload, MtPacketType.PING, mac, serverMac);
        txPayload.put(payload).flip();
        transmit(mac, MtHeader.PORT, txPayload);
    }

    private void transmit(long mac, int port, ByteBuffer payload) {
        int length = encoder.encode(mac, serverMac, 0, IP_BROADCAST, port, MtHeader.PORT, payload);
        try {
            socket.send(txFrame, length);
            sent.incrementAndGet();
        } catch (DataPathException e) {
            // ENOBUFS under a flood: the frame is lost as on a busy link; the counts say so.
            sendErrors.incrementAndGet();
        }
    }

    long sent() {
        return sent.get();
    }

    long sendErrors() {
        return sendErrors.get();
    }

    /** MAC-Telnet packets from the server that no registered session or listener took. */
    long unclaimed() {
        return unclaimed.get();
    }

    long serverPackets() {
        return serverPackets.get();
    }

    private void receiveLoop() {
        MemorySegment rx = Arena.ofAuto().allocate(FrameEncoder.MAX_FRAME_BYTES + 64);
        FrameDecoder decoder = new FrameDecoder(rx.asByteBuffer(), false);
        MtHeader h = new MtHeader();
        while (open) {
            int n;
            try {
                n = socket.receive(rx);
            } catch (DataPathException e) {
                if (open) {
                    System.err.println("load-rx: " + e.getMessage());
                }
                return;
            }
            long now = System.nanoTime();
            if (n <= 0 || decoder.decode(n, socket.ifIndex()) != DecodeResult.OK) {
                continue;
            }
            UdpFrame f = decoder.frame();
            if (f.srcPort != MtHeader.PORT || MtPacketDecoder.decode(f.payload, Direction.SERVER_TO_CLIENT, h) != MtDecodeResult.OK
                    || h.senderMac != serverMac) {
                continue;
            }
            serverPackets.incrementAndGet();
            byte[] body = new byte[h.payloadLength];
            f.payload.get(h.payloadOffset, body);
            Listener l = h.type == MtPacketType.PONG ? pongs : sessions.get(sessionId(h.receiverMac, h.sessionKey));
            if (l == null) {
                unclaimed.incrementAndGet();
            } else {
                l.onPacket(h.type, h.counter, body, now);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        receiver.join(2000);
        socket.close();
    }
}
