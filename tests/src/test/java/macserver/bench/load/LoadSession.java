package macserver.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import macserver.mactelnet.ControlBlockEncoder;
import macserver.mactelnet.ControlBlockReader;
import macserver.mactelnet.ControlType;
import macserver.mactelnet.MtPacketType;

/**
 * One MAC-Telnet client session as the 0.x clients run it, from its own source MAC: SESSIONSTART
 * sent once, every DATA resent on the clients' schedule until acknowledged, every server DATA
 * acknowledged at once and taken only if its counter is new, the legacy MD5 login (so it works
 * against mactelnetd 0.4.4 and against the firmware for a user with MD5 allowed). Blocking: one
 * caller thread (a virtual thread) per session.
 */
final class LoadSession {

    /** How a login ended. */
    enum Outcome { LOGGED_IN, NO_ANSWER, REFUSED, TIMED_OUT }

    /** The 0.x clients' waits between resends of an unacknowledged DATA, in milliseconds. */
    static final int[] RESEND_WAITS = {15, 20, 30, 50, 90, 170, 330, 660, 1000};
    /** How long a 0.x client waits for the ACK of its SESSIONSTART (its -t default). */
    static final long START_WAIT_MILLIS = 2000;
    private static final long OUTPUT_WAIT_MILLIS = 10_000;
    private static final int KEEP_OUTPUT = 512;

    private record Packet(int type, int counter, byte[] payload, long nanos) {
    }

    private final LoadWire wire;
    private final long mac;
    private final int key;
    private final int port;
    private final LinkedBlockingQueue<Packet> inbox = new LinkedBlockingQueue<>();
    private int sendCounter;
    /** The ACK counter being waited for, and whether it came (exact match: mactelnetd also echoes the client's own ACKs). */
    private int expectedAck;
    private boolean expectedAckSeen;
    private boolean anyServerData;
    private int serverCounter;
    private boolean ended;
    /** The tail of the terminal output received so far, for prompts and failure texts. */
    private final StringBuilder output = new StringBuilder();
    private long lastOutputNanos = Long.MIN_VALUE;
    private long lastSendNanos;
    private int outputPackets;
    /** When the last login reached each step (System.nanoTime()): started, ACKed, salt, END_AUTH, prompt. */
    private final long[] steps = new long[5];

    LoadSession(LoadWire wire, long mac, int key, int port) {
        this.wire = wire;
        this.mac = mac;
        this.key = key & 0xFFFF;
        this.port = port;
        wire.register(mac, this.key, (type, counter, payload, nanos) -> inbox.add(new Packet(type, counter, payload, nanos)));
    }

    long mac() {
        return mac;
    }

    boolean ended() {
        return ended;
    }

    /**
     * The MD5 login: SESSIONSTART, BEGINAUTH, the server's 16-byte salt, PASSWORD + USERNAME +
     * terminal, END_AUTH, then terminal output until it ends with {@code prompt}.
     */
    Outcome login(String user, String password, String prompt) throws InterruptedException {
        Arrays.fill(steps, 0);
        expect(0);
        steps[0] = System.nanoTime();
        wire.send(mac, port, MtPacketType.SESSIONSTART, key, 0, new byte[0]);
        if (!awaitAck(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_WAIT_MILLIS))) {
            return Outcome.NO_ANSWER;
        }
        steps[1] = System.nanoTime();
        ByteBuffer begin = ByteBuffer.allocate(16);
        ControlBlockEncoder.putEmpty(begin, ControlType.BEGINAUTH);
        if (!sendData(bytes(begin))) {
            return Outcome.TIMED_OUT;
        }
        byte[] salt = awaitBlock(ControlType.PASSSALT);
        if (salt == null) {
            return ended ? Outcome.REFUSED : Outcome.TIMED_OUT;
        }
        steps[2] = System.nanoTime();
        ByteBuffer auth = ByteBuffer.allocate(256);
        ControlBlockEncoder.put(auth, ControlType.PASSWORD, md5Answer(password, salt));
        ControlBlockEncoder.put(auth, ControlType.USERNAME, user.getBytes(StandardCharsets.UTF_8));
        ControlBlockEncoder.put(auth, ControlType.TERM_TYPE, "vt102".getBytes(StandardCharsets.US_ASCII));
        ControlBlockEncoder.putU16LittleEndian(auth, ControlType.TERM_WIDTH, 80);
        ControlBlockEncoder.putU16LittleEndian(auth, ControlType.TERM_HEIGHT, 24);
        if (!sendData(bytes(auth))) {
            return Outcome.TIMED_OUT;
        }
        if (awaitBlock(ControlType.END_AUTH) == null) {
            return ended ? Outcome.REFUSED : Outcome.TIMED_OUT;
        }
        steps[3] = System.nanoTime();
        int packetsBefore = outputPackets;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OUTPUT_WAIT_MILLIS);
        while (!output.toString().endsWith(prompt)) {
            if (ended || output.indexOf("Login failed") >= 0) {
                return Outcome.REFUSED;
            }
            if (!take(deadline)) {
                return Outcome.TIMED_OUT;
            }
        }
        steps[4] = System.nanoTime();
        promptPackets = outputPackets - packetsBefore;
        return Outcome.LOGGED_IN;
    }

    private int promptPackets;

    /**
     * Nanoseconds each step of the last successful login took: the SESSIONSTART's ACK, the salt
     * after BEGINAUTH, END_AUTH after the answer, and the terminal output up to the prompt; then
     * the number of server DATA packets that output came in.
     */
    long[] loginSteps() {
        return new long[] {steps[1] - steps[0], steps[2] - steps[1], steps[3] - steps[2], steps[4] - steps[3], promptPackets};
    }

    /** What {@link #keystroke} returns when the server never acknowledged the keystroke's DATA (or the session ended). */
    static final long NOT_ACKNOWLEDGED = -2;

    /**
     * Types {@code keys} and returns the nanoseconds until the first terminal output after it
     * (the echo), -1 if none came within {@code waitMillis}, or {@link #NOT_ACKNOWLEDGED}.
     */
    long keystroke(byte[] keys, long waitMillis) throws InterruptedException {
        long start = System.nanoTime();
        if (!sendData(keys)) {
            return NOT_ACKNOWLEDGED;
        }
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        // Output received before the keystroke went out is the tail of an earlier echo (a rub-out
        // can come in two DATA packets, the second one ACK round trip later), not this one's.
        while (lastOutputNanos < start) {
            if (ended || !take(deadline)) {
                return -1;
            }
        }
        return lastOutputNanos - start;
    }

    /** Reads whatever the server sent meanwhile (acknowledging it) without waiting. */
    void drain() throws InterruptedException {
        while (!inbox.isEmpty()) {
            take(System.nanoTime());
        }
    }

    /** The 0.x client's keepalive: an ACK carrying its own send total, when it has been quiet. */
    void keepaliveIfQuiet(long quietNanos) throws InterruptedException {
        drain();
        if (System.nanoTime() - lastSendNanos >= quietNanos) {
            send(MtPacketType.ACK, sendCounter, new byte[0]);
        }
    }

    /** Ends the session as a client that quits, and stops listening for it. */
    void end() {
        if (!ended) {
            send(MtPacketType.END, sendCounter, new byte[0]);
        }
        ended = true;
        wire.unregister(mac, key);
    }

    String outputTail() {
        return output.toString();
    }

    private void send(int type, int counter, byte[] payload) {
        lastSendNanos = System.nanoTime();
        wire.send(mac, port, type, key, counter, payload);
    }

    /** A DATA at the send counter, resent on the 0.x schedule until an ACK covers it. */
    private boolean sendData(byte[] payload) throws InterruptedException {
        int at = sendCounter;
        sendCounter += payload.length;
        expect(sendCounter);
        for (int attempt = 0; attempt <= RESEND_WAITS.length; attempt++) {
            if (attempt == RESEND_WAITS.length) {
                return false;
            }
            send(MtPacketType.DATA, at, payload);
            if (awaitAck(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RESEND_WAITS[attempt]))) {
                return true;
            }
            if (ended) {
                return false;
            }
        }
        return false;
    }

    private void expect(int ackCounter) {
        expectedAck = ackCounter;
        expectedAckSeen = false;
    }

    /** Waits for the expected ACK, handling other packets meanwhile. */
    private boolean awaitAck(long deadline) throws InterruptedException {
        while (!expectedAckSeen) {
            if (ended || !take(deadline)) {
                return false;
            }
        }
        return true;
    }

    /** Waits for a server DATA holding a control block of {@code type}; its value, or null. */
    private byte[] awaitBlock(int type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OUTPUT_WAIT_MILLIS);
        pendingBlockType = type;
        pendingBlock = null;
        while (pendingBlock == null) {
            if (ended || !take(deadline)) {
                pendingBlockType = -2;
                return null;
            }
        }
        pendingBlockType = -2;
        return pendingBlock;
    }

    private int pendingBlockType = -2;
    private byte[] pendingBlock;

    /** Handles one packet from the inbox, waiting until {@code deadline}; false if none came. */
    private boolean take(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        Packet p = left <= 0 ? inbox.poll() : inbox.poll(left, TimeUnit.NANOSECONDS);
        if (p == null) {
            return false;
        }
        switch (p.type) {
            case MtPacketType.ACK -> {
                if (p.counter == expectedAck) {
                    expectedAckSeen = true;
                }
            }
            case MtPacketType.DATA -> onData(p);
            case MtPacketType.END -> ended = true;
            default -> {
                // Nothing else belongs to a session.
            }
        }
        return true;
    }

    private void onData(Packet p) {
        send(MtPacketType.ACK, p.counter + p.payload.length, new byte[0]);
        boolean fresh = !anyServerData || Integer.compareUnsigned(p.counter, serverCounter) > 0;
        if (!fresh) {
            return;
        }
        anyServerData = true;
        serverCounter = p.counter;
        ControlBlockReader r = new ControlBlockReader().reset(ByteBuffer.wrap(p.payload), 0, p.payload.length);
        while (r.next()) {
            if (r.type() == ControlType.PLAINDATA) {
                output.append(new String(r.copyValue(r.valueLength()), StandardCharsets.ISO_8859_1));
                if (output.length() > KEEP_OUTPUT) {
                    output.delete(0, output.length() - KEEP_OUTPUT);
                }
                lastOutputNanos = p.nanos;
                outputPackets++;
            } else if (r.type() == pendingBlockType) {
                pendingBlock = r.copyValue(r.valueLength());
            }
        }
    }

    /** The legacy answer: {@code 00} then MD5({@code 00} ‖ password ‖ salt), as the 0.x clients send it. */
    static byte[] md5Answer(String password, byte[] salt) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) 0);
            byte[] pw = password.getBytes(StandardCharsets.UTF_8);
            md5.update(pw, 0, Math.min(pw.length, 82));
            md5.update(salt);
            byte[] out = new byte[17];
            System.arraycopy(md5.digest(), 0, out, 1, 16);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no MD5 in this JDK", e);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        return Arrays.copyOf(b.array(), b.position());
    }
}
