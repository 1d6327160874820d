package macserver.mactelnet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import macserver.datapath.UdpFrame;
import macserver.mactelnet.testsupport.FakeFrameSender;
import macserver.mactelnet.testsupport.FakeFrameSender.Sent;

/**
 * A MAC-Telnet client as bytes: builds the client's packets with the codec, hands them to the
 * server as frames, and reads back what the server sent to it. Keeps the client's send counter.
 */
final class ClientSim {

    static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    static final int IF_INDEX = 1;

    /** A server packet to this client. */
    record Packet(int type, int counter, byte[] payload) {
        List<int[]> blocks() {
            ControlBlockReader r = new ControlBlockReader().reset(ByteBuffer.wrap(payload), 0, payload.length);
            List<int[]> out = new ArrayList<>();
            while (r.next()) {
                out.add(new int[] {r.type(), r.valueLength()});
            }
            return out;
        }

        String text() {
            return new String(payload, java.nio.charset.StandardCharsets.US_ASCII);
        }

        int end() {
            return counter + payload.length;
        }
    }

    final MacServer server;
    final FakeFrameSender net;
    final long mac;
    final int key;
    final int port;
    int sendCounter;
    private int read;

    ClientSim(MacServer server, FakeFrameSender net, long mac, int key, int port) {
        this.server = server;
        this.net = net;
        this.mac = mac;
        this.key = key;
        this.port = port;
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Hands a raw UDP payload to the server as if it came from this client (Ethernet broadcast). */
    void deliver(byte[] udpPayload) {
        UdpFrame f = new UdpFrame();
        f.ifIndex = IF_INDEX;
        f.ethSrc = mac;
        f.ethDst = Mac48.BROADCAST;
        f.ipSrc = 0x0A090901;
        f.ipDst = 0xFFFF_FFFF;
        f.srcPort = port;
        f.dstPort = MtHeader.PORT;
        f.payload = ByteBuffer.wrap(udpPayload);
        server.onFrame(f, net);
    }

    byte[] packet(int type, int counter, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(MtHeader.LENGTH + payload.length);
        MtPacketEncoder.writeHeader(b, Direction.CLIENT_TO_SERVER, type, mac, SERVER_MAC, key, counter);
        b.put(payload);
        return b.array();
    }

    void start() {
        deliver(packet(MtPacketType.SESSIONSTART, 0, new byte[0]));
    }

    /** A DATA at the client's send counter, which then moves on by the payload length. */
    void data(byte[] payload) {
        deliver(packet(MtPacketType.DATA, sendCounter, payload));
        sendCounter += payload.length;
    }

    void ack(int counter) {
        deliver(packet(MtPacketType.ACK, counter, new byte[0]));
    }

    void end(int counter) {
        deliver(packet(MtPacketType.END, counter, new byte[0]));
    }

    /** Every packet the server has sent to this client so far. */
    List<Packet> all() {
        List<Packet> out = new ArrayList<>();
        for (Sent s : net.sent()) {
            Packet p = parse(s);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The packets sent to this client since the last call. */
    List<Packet> fresh() {
        List<Packet> all = all();
        List<Packet> out = all.subList(Math.min(read, all.size()), all.size());
        read = all.size();
        return new ArrayList<>(out);
    }

    /** Waits for a packet to this client that matches (terminal output comes from another thread). */
    Packet await(Predicate<Packet> match) throws InterruptedException {
        Sent s = net.await(sent -> {
            Packet p = parse(sent);
            return p != null && match.test(p);
        });
        return parse(s);
    }

    /** The control block that ends a good login, as the server writes it. */
    static final byte[] END_AUTH = hex("563412ff0900000000");

    /**
     * Waits for the DATA that ends a good login: END_AUTH, with the terminal's first output after
     * it in the same DATA (§3).
     */
    Packet awaitEndAuth() throws InterruptedException {
        return await(p -> p.type() == MtPacketType.DATA && p.payload().length >= END_AUTH.length
                && java.util.Arrays.equals(p.payload(), 0, END_AUTH.length, END_AUTH, 0, END_AUTH.length));
    }

    /** The terminal bytes a DATA carries after its END_AUTH block. */
    static String afterEndAuth(Packet p) {
        return new String(p.payload(), END_AUTH.length, p.payload().length - END_AUTH.length,
                java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** ACKs each server DATA from {@code fromCounter} on as a 0.x client would, collecting the bytes until {@code until} shows. */
    String readUntil(String until, int fromCounter) throws InterruptedException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int seenEnd = fromCounter;
        while (!text.toString(java.nio.charset.StandardCharsets.US_ASCII).contains(until)) {
            int after = seenEnd;
            Packet p = await(q -> q.type() == MtPacketType.DATA && Integer.compareUnsigned(q.counter(), after) >= 0);
            ack(p.end());
            text.writeBytes(p.payload());
            seenEnd = p.end();
        }
        return text.toString(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private Packet parse(Sent s) {
        if (s.ethDst() != mac || s.dstPort() != port) {
            return null;
        }
        MtHeader h = new MtHeader();
        ByteBuffer b = s.buffer();
        if (MtPacketDecoder.decode(b, Direction.SERVER_TO_CLIENT, h) != MtDecodeResult.OK || h.sessionKey != key
                || h.receiverMac != mac) {
            return null;
        }
        byte[] payload = new byte[h.payloadLength];
        b.get(h.payloadOffset, payload);
        return new Packet(h.type, h.counter, payload);
    }

    /** Control blocks and raw bytes, as a client builds a DATA payload. */
    static final class Payload {
        private final ByteBuffer b = ByteBuffer.allocate(1500);

        Payload block(int type, byte[] value) {
            ControlBlockEncoder.put(b, type, value);
            return this;
        }

        Payload empty(int type) {
            ControlBlockEncoder.putEmpty(b, type);
            return this;
        }

        Payload u16(int type, int value) {
            ControlBlockEncoder.putU16LittleEndian(b, type, value);
            return this;
        }

        Payload raw(byte[] bytes) {
            b.put(bytes);
            return this;
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(b.array(), b.position());
        }
    }
}
