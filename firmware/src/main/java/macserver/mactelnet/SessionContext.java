package macserver.mactelnet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.auth.FakeVerifiers;
import macserver.datapath.FrameSender;
import macserver.mactelnet.MacServerCounters.Counter;

/**
 * What all sessions of one server share: the host, limits, counters, clock, the sender, the one
 * lock that guards every session's state, and scratch buffers used under that lock.
 */
final class SessionContext {

    private static final Logger LOG = Logger.getLogger(SessionContext.class.getName());
    static final int LIMITED_BROADCAST = 0xFFFF_FFFF;

    final AdmissionPolicy admission;
    final LoginGate logins;
    final SessionHost sessionHost;
    final Discovery discovery;
    final MacServerConfig config;
    final MacServerCounters counters;
    final InstantSource clock;
    final SecureRandom random;
    final FakeVerifiers fakes;
    final ThreadFactory terminalThreads;
    final ReentrantLock lock = new ReentrantLock();
    final ControlBlockReader reader = new ControlBlockReader();
    /** For ACK, END and one-off messages; guarded by {@link #lock}. */
    final ByteBuffer scratch = ByteBuffer.allocate(MtHeader.LENGTH + MacServerConfig.MAX_PAYLOAD);
    private final AtomicLong sessionIds = new AtomicLong();
    private final Runnable wakeTimers;
    private final SessionRemoval removal;
    volatile FrameSender sender;

    /** How a session leaves the server's table. */
    interface SessionRemoval {
        void removed(MacTelnetSession session);
    }

    SessionContext(AdmissionPolicy admission, LoginGate logins, SessionHost sessionHost, Discovery discovery,
            MacServerConfig config, InstantSource clock, SecureRandom random, ThreadFactory terminalThreads,
            Runnable wakeTimers, SessionRemoval removal) {
        this.admission = admission;
        this.logins = logins;
        this.sessionHost = sessionHost;
        this.discovery = discovery;
        this.config = config;
        this.counters = new MacServerCounters();
        this.clock = clock;
        this.random = random;
        this.fakes = new FakeVerifiers(random);
        this.terminalThreads = terminalThreads;
        this.wakeTimers = wakeTimers;
        this.removal = removal;
    }

    long now() {
        return clock.millis();
    }

    long nextSessionId() {
        return sessionIds.incrementAndGet();
    }

    void wakeTimers() {
        wakeTimers.run();
    }

    void removed(MacTelnetSession session) {
        removal.removed(session);
    }

    /** Sends position..limit of {@code payload}; a failure is counted, never thrown (the peer just sees a loss). */
    void send(int ifIndex, long ethDst, int ipSrc, int srcPort, int dstPort, ByteBuffer payload) {
        FrameSender out = sender;
        if (out == null) {
            counters.increment(Counter.SEND_ERRORS);
            return;
        }
        try {
            out.send(ifIndex, ethDst, ipSrc, LIMITED_BROADCAST, srcPort, dstPort, payload);
        } catch (IOException | RuntimeException e) {
            counters.increment(Counter.SEND_ERRORS);
            LOG.log(Level.FINE, "send on interface " + ifIndex + " failed", e);
        }
    }

    /** Runs {@code task} with the lock held. */
    void locked(Runnable task) {
        lock.lock();
        try {
            task.run();
        } finally {
            lock.unlock();
        }
    }
}
