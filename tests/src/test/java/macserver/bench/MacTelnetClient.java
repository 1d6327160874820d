package macserver.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeoutException;
import macserver.auth.EcSrp5ServerLogin;
import macserver.auth.EcSrp5TestClient;
import macserver.auth.InvalidPointException;
import macserver.bench.ClientWire.Packet;
import macserver.datapath.UdpFrame;
import macserver.mac.MacAddress;
import macserver.mactelnet.ControlBlockEncoder;
import macserver.mactelnet.ControlBlockReader;
import macserver.mactelnet.ControlType;
import macserver.mactelnet.Direction;
import macserver.mactelnet.Mac48;
import macserver.mactelnet.MacServer;
import macserver.mactelnet.MtHeader;
import macserver.mactelnet.MtPacketEncoder;
import macserver.mactelnet.MtPacketType;

/**
 * One MAC-Telnet client talking to an in-process {@link MacServer} through frames: an EC-SRP5
 * login as a 0.6 client runs it, then idle (keepalives) until it ends the session. The client's
 * math is the firmware's test client; the packets are built with the firmware's codec. Once
 * logged in it keeps only its addresses and counters.
 */
final class MacTelnetClient {

    /** How long one reply may take before the login counts as failed. */
    private static final long REPLY_TIMEOUT_MILLIS = 5_000;

    private final MacServer server;
    private final ClientWire wire;
    private final int ifIndex;
    private final long serverMac;
    private final long mac;
    private final int key;
    private final int port;
    private int sendCounter;
    /** The counter of the server's last DATA acknowledged: what a keepalive carries. */
    private volatile int received;

    MacTelnetClient(MacServer server, ClientWire wire, int ifIndex, long serverMac, long mac, int key, int port) {
        this.server = server;
        this.wire = wire;
        this.ifIndex = ifIndex;
        this.serverMac = serverMac;
        this.mac = mac;
        this.key = key;
        this.port = port;
    }

    /**
     * A whole EC-SRP5 login, SESSIONSTART to the END_AUTH acknowledged, with no login failure
     * text after it. Returns the nanoseconds spent inside the server's {@code onFrame}.
     *
     * @throws IllegalStateException when the server refuses the login or answers out of order
     */
    long login(String user, char[] password, SecureRandom random)
            throws InterruptedException, TimeoutException, InvalidPointException {
        wire.listen(mac);
        try {
            EcSrp5TestClient srp = new EcSrp5TestClient(user, password, random);
            long inServer = deliver(MtPacketType.SESSIONSTART, 0, new byte[0]);
            wire.await(p -> p.type() == MtPacketType.ACK && p.counter() == 0, REPLY_TIMEOUT_MILLIS);

            byte[] name = user.getBytes(StandardCharsets.UTF_8);
            byte[] salt = new byte[name.length + 1 + EcSrp5ServerLogin.CLIENT_KEY_LENGTH];
            System.arraycopy(name, 0, salt, 0, name.length);
            System.arraycopy(srp.publicKey(), 0, salt, name.length + 1, EcSrp5ServerLogin.CLIENT_KEY_LENGTH);
            inServer += data(blocks().empty(ControlType.BEGINAUTH).put(ControlType.PASSSALT, salt).bytes());
            Packet serverSalt = wire.await(p -> p.type() == MtPacketType.DATA && p.counter() == 0, REPLY_TIMEOUT_MILLIS);
            byte[] serverKey = blockValue(serverSalt, ControlType.PASSSALT);
            inServer += deliver(MtPacketType.ACK, serverSalt.end(), new byte[0]);

            inServer += data(blocks().put(ControlType.PASSWORD, srp.proof(serverKey))
                    .put(ControlType.USERNAME, name)
                    .put(ControlType.TERM_TYPE, "xterm".getBytes(StandardCharsets.US_ASCII))
                    .u16(ControlType.TERM_WIDTH, 80).u16(ControlType.TERM_HEIGHT, 24).bytes());
            int endAuthAt = serverSalt.end();
            Packet endAuth = wire.await(p -> p.type() == MtPacketType.DATA && p.counter() == endAuthAt,
                    REPLY_TIMEOUT_MILLIS);
            blockValue(endAuth, ControlType.END_AUTH);
            inServer += deliver(MtPacketType.ACK, endAuth.end(), new byte[0]);
            received = endAuth.end();
            // A failed login sends its message right after END_AUTH is acknowledged; a good one
            // stays quiet, or starts the terminal's output (a CLI's banner).
            if (wire.poll(p -> p.type() == MtPacketType.DATA && p.counter() == endAuth.end()
                    && new String(p.payload(), StandardCharsets.US_ASCII).startsWith("Login failed")
                    || p.type() == MtPacketType.END) != null) {
                throw new IllegalStateException("login refused for " + MacAddress.format(mac));
            }
            return inServer;
        } finally {
            wire.stopListening();
        }
    }

    /** What the 0.x client sends every ten seconds while idle: an ACK of the last DATA it took. */
    void keepalive() {
        deliver(MtPacketType.ACK, received, new byte[0]);
    }

    /** Takes the server's output up to {@code end}: an ACK for it (any thread). */
    void acknowledge(int end) {
        received = end;
        deliver(MtPacketType.ACK, end, new byte[0]);
    }

    /** Ends the session as a client that quits: END at its send counter. */
    void end() {
        deliver(MtPacketType.END, sendCounter, new byte[0]);
    }

    /** A DATA at the send counter, which then moves on by the payload length. */
    private long data(byte[] payload) {
        long took = deliver(MtPacketType.DATA, sendCounter, payload);
        sendCounter += payload.length;
        return took;
    }

    /** Hands one packet to the server as the data path would; returns the time spent in the server. */
    private long deliver(int type, int counter, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(MtHeader.LENGTH + payload.length);
        MtPacketEncoder.writeHeader(b, Direction.CLIENT_TO_SERVER, type, mac, serverMac, key, counter);
        b.put(payload).flip();
        UdpFrame f = new UdpFrame();
        f.ifIndex = ifIndex;
        f.ethSrc = mac;
        f.ethDst = Mac48.BROADCAST;
        f.ipSrc = 0;
        f.ipDst = 0xFFFF_FFFF;
        f.srcPort = port;
        f.dstPort = MtHeader.PORT;
        f.payload = b;
        long start = System.nanoTime();
        server.onFrame(f, wire);
        return System.nanoTime() - start;
    }

    /** The value of the first control block of a server DATA, which must be of {@code type}. */
    private byte[] blockValue(Packet p, int type) {
        ControlBlockReader r = new ControlBlockReader().reset(ByteBuffer.wrap(p.payload()), 0, p.payload().length);
        if (!r.next() || r.type() != type) {
            throw new IllegalStateException("expected control block " + type + " from the server, got "
                    + p.payload().length + " bytes at counter " + p.counter() + " for " + MacAddress.format(mac));
        }
        return r.copyValue(r.valueLength());
    }

    private static Blocks blocks() {
        return new Blocks();
    }

    /** The control blocks of one client DATA. */
    private static final class Blocks {
        private final ByteBuffer b = ByteBuffer.allocate(512);

        Blocks empty(int type) {
            ControlBlockEncoder.putEmpty(b, type);
            return this;
        }

        Blocks put(int type, byte[] value) {
            ControlBlockEncoder.put(b, type, value);
            return this;
        }

        Blocks u16(int type, int value) {
            ControlBlockEncoder.putU16LittleEndian(b, type, value);
            return this;
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(b.array(), b.position());
        }
    }
}
