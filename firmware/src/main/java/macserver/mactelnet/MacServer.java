package macserver.mactelnet;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.datapath.FrameSender;
import macserver.datapath.UdpFrame;
import macserver.datapath.UdpFrameHandler;
import macserver.mactelnet.MacServerCounters.Counter;

/**
 * The MAC server on the data path: MAC-Telnet sessions and MAC-Ping on UDP 20561, MNDP on 5678.
 * Packets arrive on the receive thread ({@link #onFrame}); resends, timeouts and announcements
 * run on a timer thread; each logged-in session's terminal runs on a thread of its own. One lock
 * guards all session state. Nothing a peer sends makes an exception leave {@link #onFrame}.
 */
public final class MacServer implements UdpFrameHandler {

    private static final Logger LOG = Logger.getLogger(MacServer.class.getName());
    /** Longest the timer thread sleeps; bounds how late a timeout can fire. */
    private static final long MAX_TIMER_SLEEP_MILLIS = 250;

    private final SessionContext ctx;
    private final SessionTable sessions;
    private final StartLimiter starts;
    private final MndpService mndp;
    private final MtHeader header = new MtHeader();
    /** The reference's raw sender refuses UDP payloads over 1472 bytes; so do we. */
    private final ByteBuffer pong = ByteBuffer.allocate(1472);
    private volatile Thread timerThread;
    private volatile boolean running;

    /**
     * @param host policy, users, the CLI and what MNDP says
     * @param config the protocol layer's limits
     * @param clock time for every timer (tests pass a fake one)
     * @param random salts, keys and session secrets
     * @param terminalThreads makes the thread each logged-in session's terminal runs on
     */
    public MacServer(MacServerHost host, MacServerConfig config, InstantSource clock, SecureRandom random,
            ThreadFactory terminalThreads) {
        this(host, host, host, host, config, clock, random, terminalThreads);
    }

    /** The same with each of the host's roles played by its own object. */
    public MacServer(AdmissionPolicy admission, LoginGate logins, SessionHost sessionHost, Discovery discovery,
            MacServerConfig config, InstantSource clock, SecureRandom random, ThreadFactory terminalThreads) {
        this.ctx = new SessionContext(Objects.requireNonNull(admission, "admission"), Objects.requireNonNull(logins, "logins"),
                Objects.requireNonNull(sessionHost, "sessionHost"), Objects.requireNonNull(discovery, "discovery"),
                Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(random, "random"), Objects.requireNonNull(terminalThreads, "terminalThreads"),
                this::wakeTimers, this::forget);
        this.sessions = new SessionTable(config.maxSessions());
        this.starts = new StartLimiter(config, clock.millis());
        this.mndp = new MndpService(ctx);
    }

    /** A server on the system clock, with virtual threads for terminals. */
    public MacServer(MacServerHost host, MacServerConfig config) {
        this(host, config, InstantSource.system(), new SecureRandom(), Thread.ofVirtual().name("mac-telnet-", 1).factory());
    }

    /** Starts sending through {@code sender}: the first MNDP announcements go out, then the timer thread runs. */
    public void start(FrameSender sender) {
        attach(sender);
        running = true;
        Thread t = Thread.ofPlatform().daemon().name("mac-server-timers").unstarted(this::timerLoop);
        timerThread = t;
        t.start();
    }

    /** Tests drive the timers themselves: the sender without the timer thread. */
    void attach(FrameSender sender) {
        ctx.sender = Objects.requireNonNull(sender, "sender");
        ctx.locked(() -> mndp.announce(ctx.now()));
    }

    /** Ends every session (active ones are told the server is shutting down) and stops the timer thread. */
    public void stop() {
        running = false;
        Thread t = timerThread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ctx.locked(() -> {
            for (MacTelnetSession s : sessions.toArray()) {
                s.shutDown();
            }
        });
    }

    public MacServerCounters counters() {
        return ctx.counters;
    }

    /** Sessions in the table now, logging in or logged in. */
    public int sessionCount() {
        ctx.lock.lock();
        try {
            return sessions.size();
        } finally {
            ctx.lock.unlock();
        }
    }

    @Override
    public void onFrame(UdpFrame frame, FrameSender sender) {
        ctx.counters.increment(Counter.FRAMES_IN);
        if (ctx.sender == null) {
            return;
        }
        ctx.lock.lock();
        try {
            if (frame.dstPort == MtHeader.PORT) {
                onMacTelnet(frame, sender);
            } else if (frame.dstPort == MndpCodec.PORT) {
                mndp.onFrame(frame, sender, ctx.now());
            } else {
                ctx.counters.increment(Counter.IGNORED_TYPE);
            }
        } catch (RuntimeException e) {
            ctx.counters.increment(Counter.INTERNAL_ERRORS);
            LOG.log(Level.WARNING, "MAC server: frame dropped after an internal error", e);
        } finally {
            ctx.lock.unlock();
        }
    }

    private void onMacTelnet(UdpFrame frame, FrameSender sender) {
        ByteBuffer packet = frame.payload;
        MtDecodeResult result = MtPacketDecoder.decode(packet, Direction.CLIENT_TO_SERVER, header);
        if (result == MtDecodeResult.BAD_VERSION || packet.remaining() < MtHeader.PING_LENGTH) {
            ctx.counters.increment(Counter.MALFORMED);
            return;
        }
        long own = sender.macOf(frame.ifIndex);
        if (own < 0 || header.receiverMac != own || (frame.ethDst != own && frame.ethDst != Mac48.BROADCAST)) {
            ctx.counters.increment(Counter.NOT_FOR_US);
            return;
        }
        if (header.type == MtPacketType.PING) {
            answerPing(frame, own);
            return;
        }
        if (result == MtDecodeResult.NOT_MAC_TELNET) {
            ctx.counters.increment(Counter.NOT_MAC_TELNET);
            return;
        }
        long now = ctx.now();
        MacTelnetSession session = sessions.get(SessionTable.key(header.senderMac, header.sessionKey));
        if (result == MtDecodeResult.TOO_SHORT) {
            ctx.counters.increment(Counter.MALFORMED);
            if (session != null) {
                session.onActivity(now);
            }
            return;
        }
        switch (header.type) {
            case MtPacketType.SESSIONSTART -> {
                if (session != null && session.isRestartedBy(frame.srcPort)) {
                    ctx.counters.increment(Counter.SESSIONS_RESTARTED);
                    session.dropForRestart();
                    session = null;
                }
                if (session != null) {
                    session.onStart(frame.srcPort, header.counter, now);
                } else {
                    startSession(frame, own, now);
                }
            }
            case MtPacketType.DATA, MtPacketType.ACK, MtPacketType.END -> {
                if (session == null) {
                    ctx.counters.increment(Counter.UNKNOWN_SESSION);
                } else if (header.type == MtPacketType.DATA) {
                    session.onData(header, packet, now);
                } else if (header.type == MtPacketType.ACK) {
                    session.onAck(header, now);
                } else {
                    session.onEnd(header);
                }
            }
            default -> ctx.counters.increment(Counter.IGNORED_TYPE);
        }
    }

    /** PONG with the PING's payload, broadcast to UDP 20561 from the interface's address (§5, §1.3). */
    private void answerPing(UdpFrame frame, long own) {
        if (Admission.isDropped(ctx.admission.admit(header.senderMac, frame.ethSrc, frame.ifIndex, MacService.MAC_PING))) {
            ctx.counters.increment(Counter.POLICY_DROPS);
            return;
        }
        if (mndp.pingsThisPeriod >= ctx.config.pingsPerPeriod()) {
            ctx.counters.increment(Counter.PINGS_RATE_LIMITED);
            return;
        }
        mndp.pingsThisPeriod++;
        ByteBuffer echo = frame.payload.slice(header.payloadOffset, header.payloadLength);
        pong.clear();
        if (echo.remaining() > pong.remaining() - MtHeader.PING_LENGTH) {
            echo.limit(pong.remaining() - MtHeader.PING_LENGTH);
        }
        MtPacketEncoder.writePong(pong, own, header.senderMac, echo);
        ctx.send(frame.ifIndex, Mac48.BROADCAST, ctx.sender.ipv4Of(frame.ifIndex), MtHeader.PORT, MtHeader.PORT,
                pong.flip());
        ctx.counters.increment(Counter.PINGS_ANSWERED);
    }

    private void startSession(UdpFrame frame, long own, long now) {
        long mac = header.senderMac;
        long admission = ctx.admission.admit(mac, frame.ethSrc, frame.ifIndex, MacService.MAC_TELNET);
        if (Admission.isDropped(admission)) {
            ctx.counters.increment(Admission.reason(admission) == DropReason.SERVER_FULL
                    ? Counter.STARTS_SERVER_FULL : Counter.POLICY_DROPS);
            return;
        }
        int serverId = Admission.serverId(admission);
        boolean bound = Admission.isBound(admission);
        if (!starts.tryStart(mac, bound, now)) {
            ctx.counters.increment(Counter.STARTS_RATE_LIMITED);
            return;
        }
        if (!makeRoom(mac, bound)) {
            ctx.counters.increment(Counter.STARTS_TABLE_FULL);
            return;
        }
        MacTelnetSession s = new MacTelnetSession(ctx, header.sessionKey, mac, own, frame.ifIndex, frame.srcPort,
                serverId, bound, now);
        sessions.put(s.tableKey, s);
        ctx.counters.increment(Counter.SESSIONS_STARTED);
        s.onStart(frame.srcPort, header.counter, now);
    }

    /**
     * Whether a new half-open session from this MAC fits: under the per-MAC and total caps, or, for
     * a bound MAC when the half-open table is full, after pushing out the oldest unbound one.
     */
    private boolean makeRoom(long mac, boolean bound) {
        int halfOpen = 0;
        int fromMac = 0;
        MacTelnetSession oldestUnbound = null;
        MacTelnetSession oldestClosedFromMac = null;
        for (MacTelnetSession s : sessions.toArray()) {
            if (s.state() == MacTelnetSession.State.ACTIVE) {
                continue;
            }
            halfOpen++;
            if (s.clientMac == mac) {
                fromMac++;
                if (s.state() == MacTelnetSession.State.CLOSED
                        && (oldestClosedFromMac == null || s.createdAt < oldestClosedFromMac.createdAt)) {
                    oldestClosedFromMac = s;
                }
            }
            if (!s.bound && (oldestUnbound == null || s.createdAt < oldestUnbound.createdAt)) {
                oldestUnbound = s;
            }
        }
        if (fromMac >= ctx.config.maxHalfOpenPerMac()) {
            // A failed login only waits for its client's END; a new attempt from the same MAC
            // (a user who mistyped and tries again) takes its place instead of being turned away.
            if (oldestClosedFromMac == null) {
                return false;
            }
            oldestClosedFromMac.shutDown();
            halfOpen--;
        }
        if (halfOpen >= ctx.config.maxHalfOpen()) {
            if (!bound || oldestUnbound == null) {
                return false;
            }
            ctx.counters.increment(Counter.HALF_OPEN_EVICTED);
            oldestUnbound.shutDown();
        }
        return sessions.size() < ctx.config.maxSessions();
    }

    /**
     * Runs what is due: resends, timeouts, end requests, MNDP announcements. Returns how many
     * milliseconds until something may be due again.
     */
    long runTimers() {
        ctx.lock.lock();
        try {
            long now = ctx.now();
            long next = mndp.onTimer(now);
            for (MacTelnetSession s : sessions.toArray()) {
                next = Math.min(next, s.onTimer(now));
            }
            return Math.max(1, Math.min(next - now, MAX_TIMER_SLEEP_MILLIS));
        } finally {
            ctx.lock.unlock();
        }
    }

    private void timerLoop() {
        while (running) {
            long sleep;
            try {
                sleep = runTimers();
            } catch (RuntimeException e) {
                ctx.counters.increment(Counter.INTERNAL_ERRORS);
                LOG.log(Level.WARNING, "MAC server timer pass failed", e);
                sleep = MAX_TIMER_SLEEP_MILLIS;
            }
            LockSupport.parkNanos(this, sleep * 1_000_000);
        }
    }

    private void wakeTimers() {
        Thread t = timerThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Bytes of storage all sessions' terminal rings hold now. */
    int terminalBufferBytes() {
        ctx.lock.lock();
        try {
            int sum = 0;
            for (MacTelnetSession s : sessions.toArray()) {
                sum += s.terminalBufferBytes();
            }
            return sum;
        } finally {
            ctx.lock.unlock();
        }
    }

    /** Client MACs whose start buckets are remembered now (bounded by the config). */
    int trackedStartMacs() {
        ctx.lock.lock();
        try {
            return starts.trackedMacs();
        } finally {
            ctx.lock.unlock();
        }
    }

    /** Sessions not logged in yet. */
    int halfOpenCount() {
        ctx.lock.lock();
        try {
            int n = 0;
            for (MacTelnetSession s : sessions.toArray()) {
                n += s.state() == MacTelnetSession.State.ACTIVE ? 0 : 1;
            }
            return n;
        } finally {
            ctx.lock.unlock();
        }
    }

    /** Called by a session as it leaves (under the lock). */
    private void forget(MacTelnetSession s) {
        sessions.remove(s.tableKey);
    }
}
