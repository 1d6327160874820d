package macserver.mactelnet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The reliable DATA stream of one session (§4), apart from what the bytes mean: client counters
 * (only newer ones are taken, with wrap-around), and on the way out one DATA in flight, resent on
 * the client's own schedule until acknowledged, behind at most {@link #MAX_QUEUED} control
 * messages. Also the session's unreliable one-off packets (ACK, END, a last message).
 *
 * <p>The DATA in flight is not kept as a packet: a resend encodes it again into the shared scratch
 * buffer from its sources, the queued message it carries and the terminal's output ring, which
 * keeps the bytes until they are acknowledged. So an idle session holds no packet buffer. All methods
 * run with the server's lock held.
 */
final class SessionTransport {
    /** The 0.x client's resend waits (ms); after the last one and one more second we give up. */
    static final int[] RESEND_WAITS = {15, 20, 30, 50, 90, 170, 330, 660, 1000};
    private static final int GIVE_UP_WAIT = 1000;
    /** A counter this far below the last accepted one has wrapped around (the reference's rule). */
    private static final long WRAP_DISTANCE = 1L << 24;
    /** One login's messages at most: a salt, END_AUTH and a failure text fit; the bound is a guard. */
    private static final int MAX_QUEUED = 4;

    /** What {@link #resendDue} found. */
    static final long GIVE_UP = -1;

    private final SessionContext ctx;
    private final long clientMac;
    private final long serverMac;
    private final int sessionKey;
    private final int ifIndex;
    private final int clientPort;

    private boolean firstDataSeen;
    private int inCounter;

    private boolean waitingForAck;
    private byte[] inFlightMessage;
    /** Of the DATA in flight, the bytes from the terminal's output (after the message, if any). */
    private int inFlightOutputLength;
    private int inFlightCounter;
    private int inFlightEnd;
    private int resends;
    private long resendAt;
    private int outCounter;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>(MAX_QUEUED);

    SessionTransport(SessionContext ctx, long clientMac, long serverMac, int sessionKey, int ifIndex, int clientPort) {
        this.ctx = ctx;
        this.clientMac = clientMac;
        this.serverMac = serverMac;
        this.sessionKey = sessionKey;
        this.ifIndex = ifIndex;
        this.clientPort = clientPort;
    }

    // ---- from the client ----------------------------------------------------------------------

    /** Whether any DATA came from the client yet. */
    boolean anyDataSeen() {
        return firstDataSeen;
    }

    /**
     * A client DATA: acknowledged at once, duplicates too. True when its counter is newer than the
     * last taken, so its payload is to be read; a duplicate is counted and false.
     */
    boolean takeData(int counter, int payloadLength) {
        sendBare(MtPacketType.ACK, counter + payloadLength);
        if (firstDataSeen && !isNewer(counter, inCounter)) {
            ctx.counters.increment(MacServerCounters.Counter.DUPLICATE_DATA);
            return false;
        }
        firstDataSeen = true;
        inCounter = counter;
        return true;
    }

    /** Only a newer counter is taken; one far below the last has wrapped round (mod 2^32). */
    static boolean isNewer(int counter, int last) {
        return Integer.compareUnsigned(counter, last) > 0 || Integer.toUnsignedLong(last - counter) > WRAP_DISTANCE;
    }

    /**
     * A client ACK. True when it acknowledges the DATA in flight, whose bytes are then taken out of
     * {@code output} if they came from there (the caller sends the next); otherwise it is a
     * keepalive or stale, and is echoed back, which shows the client the session is alive.
     */
    boolean takeAck(int counter, TerminalOutput output) {
        if (waitingForAck && Integer.toUnsignedLong(counter - inFlightEnd) < WRAP_DISTANCE) {
            waitingForAck = false;
            if (inFlightOutputLength > 0) {
                output.consume(inFlightOutputLength);
            }
            inFlightMessage = null;
            inFlightOutputLength = 0;
            return true;
        }
        sendBare(MtPacketType.ACK, counter);
        return false;
    }

    // ---- to the client ------------------------------------------------------------------------

    boolean nothingQueued() {
        return queued.isEmpty();
    }

    /** Adds a control message to send before any terminal output. */
    void queue(byte[] payload) {
        if (queued.size() >= MAX_QUEUED) {
            throw new IllegalStateException("session send queue over its bound");
        }
        queued.add(payload);
    }

    /**
     * Sends the next DATA if none is in flight: a queued message first, then up to maxDataBytes of
     * {@code output} (null: none), in the same DATA after the last queued message (END_AUTH and
     * the first prompt: a round trip less). False when there was nothing to send and nothing is
     * in flight.
     */
    boolean sendNext(TerminalOutput output) {
        if (waitingForAck) {
            return true;
        }
        ByteBuffer b = startData(outCounter);
        byte[] next = queued.poll();
        int length = 0;
        if (next != null) {
            b.put(next);
            length = next.length;
        }
        int fromOutput = 0;
        if (output != null && queued.isEmpty()) {
            fromOutput = output.peek(b, ctx.config.maxDataBytes());
            length += fromOutput;
        }
        if (length == 0) {
            return false;
        }
        inFlightMessage = next;
        inFlightOutputLength = fromOutput;
        inFlightCounter = outCounter;
        outCounter += length;
        inFlightEnd = outCounter;
        waitingForAck = true;
        resends = 0;
        resendAt = ctx.now() + RESEND_WAITS[0];
        transmit(b.flip());
        ctx.wakeTimers();
        return true;
    }

    /**
     * Resends the DATA in flight when its wait is over. Returns when the next resend is due
     * (Long.MAX_VALUE with nothing in flight), or {@link #GIVE_UP} after the last wait.
     */
    long resendDue(long now, TerminalOutput output) {
        if (waitingForAck && now >= resendAt) {
            if (resends == RESEND_WAITS.length) {
                ctx.counters.increment(MacServerCounters.Counter.RETRANSMIT_GIVE_UPS);
                return GIVE_UP;
            }
            resends++;
            resendAt = now + (resends < RESEND_WAITS.length ? RESEND_WAITS[resends] : GIVE_UP_WAIT);
            ctx.counters.increment(MacServerCounters.Counter.RETRANSMITS);
            ByteBuffer b = startData(inFlightCounter);
            if (inFlightMessage != null) {
                b.put(inFlightMessage);
            }
            if (inFlightOutputLength > 0) {
                output.peek(b, inFlightOutputLength);
            }
            transmit(b.flip());
        }
        return waitingForAck ? resendAt : Long.MAX_VALUE;
    }

    /** A DATA sent once and not resent (the session is ending), then END. */
    void sendLast(String message) {
        if (message != null) {
            ByteBuffer b = startData(outCounter);
            byte[] text = message.getBytes(StandardCharsets.US_ASCII);
            b.put(text);
            outCounter += text.length;
            transmit(b.flip());
        }
        sendBare(MtPacketType.END, outCounter);
    }

    /** END at the current send counter. */
    void sendEnd() {
        sendBare(MtPacketType.END, outCounter);
    }

    void sendBare(int type, int counter) {
        ByteBuffer b = ctx.scratch.clear();
        MtPacketEncoder.writeHeader(b, Direction.SERVER_TO_CLIENT, type, serverMac, clientMac, sessionKey, counter);
        transmit(b.flip());
    }

    /** Forgets what was in flight or queued: the session is gone. */
    void clear() {
        waitingForAck = false;
        inFlightMessage = null;
        inFlightOutputLength = 0;
        queued.clear();
    }

    /** The shared scratch buffer, cleared, with a DATA header for {@code counter} written. */
    private ByteBuffer startData(int counter) {
        ByteBuffer b = ctx.scratch.clear();
        MtPacketEncoder.writeHeader(b, Direction.SERVER_TO_CLIENT, MtPacketType.DATA, serverMac, clientMac,
                sessionKey, counter);
        return b;
    }

    /** Session traffic goes unicast to the client's MAC, IP 0.0.0.0 → 255.255.255.255, like the reference's raw mode. */
    private void transmit(ByteBuffer packet) {
        ctx.send(ifIndex, clientMac, 0, MtHeader.PORT, clientPort, packet);
    }
}
