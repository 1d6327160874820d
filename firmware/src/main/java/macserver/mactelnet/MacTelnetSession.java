package macserver.mactelnet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.auth.LoginName;
import macserver.console.TerminalSettings;
import macserver.mactelnet.MacServerCounters.Counter;

/**
 * One MAC-Telnet session, keyed by (client MAC, session key): AUTH → ACTIVE → CLOSED (§3), with
 * CHECKING between AUTH and the outcome while the host checks an MD5 login remotely (RADIUS).
 * The reliable DATA stream underneath (acknowledgements, counters, resends) is the session's
 * {@link SessionTransport}; this class is what the bytes mean: the login, the terminal, and the
 * session's life. All methods run with the server's lock held.
 */
final class MacTelnetSession {

    enum State { AUTH, CHECKING, ACTIVE, CLOSED }

    private static final Logger LOG = Logger.getLogger(MacTelnetSession.class.getName());
    static final int MAX_USERNAME_BYTES = 127;
    static final int MAX_TERM_TYPE_BYTES = 29;
    /**
     * How long END_AUTH waits at least for the terminal's first output (banner and prompt) to
     * travel with it; a terminal that takes longer gets them sent apart, as a slow CLI would anyway.
     */
    static final long END_AUTH_WAITS_MILLIS = 100;
    /** Without keystrokes for this long, the terminal rings give their storage back. */
    static final long RELEASE_AFTER_MILLIS = 5_000;
    static final String LOGIN_FAILED = "Login failed, incorrect username or password\r\n";
    static final String TOO_MANY_SESSIONS = "Login failed, too many sessions\r\n";
    static final String TIMEOUT = "Timeout\r\n";
    static final String ENDED_BY_ADMIN = "\r\n\r\nSession ended by administrator.\r\n";
    static final String SHUTTING_DOWN = "\r\n\r\nServer shutting down.\r\n";
    static final String TERMINAL_FAILED = "Error: terminal could not start\r\n";

    private final SessionContext ctx;
    final long tableKey;
    final int sessionKey;
    final long clientMac;
    final long serverMac;
    final int ifIndex;
    final int clientPort;
    final int serverId;
    final boolean bound;
    final long createdAt;
    private final SessionLogin login;
    /** The group a remote check gave the user; null for a local login. */
    private String remoteGroup;

    private State state = State.AUTH;
    private boolean removed;
    private long lastHeard;
    private long lastInput;

    private final SessionTransport wire;
    /** Send END and go once everything queued is acknowledged (after a failed login). */
    private boolean endWhenFlushed;

    private String termType;
    private int columns;
    private int rows;

    private MacTerminal terminal;
    private TerminalInput input;
    private TerminalOutput output;
    private boolean terminalEnded;
    /** END_AUTH is queued and waits for the terminal's first output until this time; 0 once it may go. */
    private long endAuthHeldUntil;
    private Handle handle;
    private volatile boolean endRequested;

    MacTelnetSession(SessionContext ctx, int sessionKey, long clientMac, long serverMac, int ifIndex, int clientPort,
            int serverId, boolean bound, long now) {
        this.ctx = ctx;
        this.tableKey = SessionTable.key(clientMac, sessionKey);
        this.sessionKey = sessionKey;
        this.clientMac = clientMac;
        this.serverMac = serverMac;
        this.ifIndex = ifIndex;
        this.clientPort = clientPort;
        this.serverId = serverId;
        this.bound = bound;
        this.createdAt = now;
        this.lastHeard = now;
        this.login = new SessionLogin(ctx.logins, ctx.fakes, ctx.random);
        this.wire = new SessionTransport(ctx, clientMac, serverMac, sessionKey, ifIndex, clientPort);
    }

    State state() {
        return state;
    }

    boolean isRemoved() {
        return removed;
    }

    /** Bytes of storage the terminal rings hold now (0 before login and when idle). */
    int terminalBufferBytes() {
        return input == null ? 0 : input.storageBytes() + output.storageBytes();
    }

    /** The open-session handle once logged in, else null. */
    OpenSession handle() {
        return handle;
    }

    // ---- packets from the client ---------------------------------------------------------------

    /**
     * SESSIONSTART: ACK with its counter echoed. For a session that exists the first ACK may have
     * been lost, so one from the same port before any DATA is ACKed again.
     */
    void onStart(int srcPort, int counter, long now) {
        lastHeard = now;
        if (srcPort == clientPort && state == State.AUTH && !wire.anyDataSeen()) {
            wire.sendBare(MtPacketType.ACK, counter);
        }
    }

    /**
     * Whether a SESSIONSTART for this key comes from a new client rather than being a resend of
     * the one that made this session: a client sends SESSIONSTART only before its first DATA, and
     * from the port it keeps. So after DATA, or from another port, the client restarted (a killed
     * 0.x client leaves no END, and its successor started in the same second draws the same key).
     */
    boolean isRestartedBy(int srcPort) {
        return wire.anyDataSeen() || srcPort != clientPort;
    }

    /**
     * Leaves without a word to the client: anything sent now under this key would reach the new
     * client that took it over.
     */
    void dropForRestart() {
        remove();
    }

    void onData(MtHeader h, ByteBuffer packet, long now) {
        lastHeard = now;
        if (!wire.takeData(h.counter, h.payloadLength)) {
            return;
        }
        if (state == State.ACTIVE) {
            lastInput = now;
            readActive(packet, h.payloadOffset, h.payloadLength);
        } else if (state == State.AUTH) {
            readAuth(packet, h.payloadOffset, h.payloadLength, now);
        }
    }

    void onAck(MtHeader h, long now) {
        lastHeard = now;
        if (wire.takeAck(h.counter, output)) {
            pump();
        }
    }

    void onEnd(MtHeader h) {
        if (state != State.CLOSED) {
            wire.sendBare(MtPacketType.END, h.counter);
        }
        remove();
    }

    /** A DATA too short to read still shows the client is there. */
    void onActivity(long now) {
        lastHeard = now;
    }

    private void readActive(ByteBuffer packet, int offset, int length) {
        ControlBlockReader r = ctx.reader.reset(packet, offset, length);
        int width = -1;
        int height = -1;
        while (r.next()) {
            switch (r.type()) {
                case ControlType.PLAINDATA -> {
                    int taken = input.offer(packet, r.valueOffset(), r.valueLength());
                    if (taken < r.valueLength()) {
                        ctx.counters.increment(Counter.INPUT_OVERFLOW);
                    }
                }
                case ControlType.TERM_WIDTH -> width = r.u16LittleEndian();
                case ControlType.TERM_HEIGHT -> height = r.u16LittleEndian();
                default -> {
                    // Auth blocks after login, TERM_TYPE, PACKET_ERROR: nothing to do once the terminal runs.
                }
            }
        }
        if (width >= 0 || height >= 0) {
            takeSize(width, height);
            terminal.resize(columns, rows);
        }
    }

    private void readAuth(ByteBuffer packet, int offset, int length, long now) {
        ControlBlockReader r = ctx.reader.reset(packet, offset, length);
        boolean beginAuth = false;
        byte[] clientSalt = null;
        byte[] username = null;
        byte[] password = null;
        int width = -1;
        int height = -1;
        while (r.next()) {
            switch (r.type()) {
                case ControlType.BEGINAUTH -> beginAuth = true;
                case ControlType.PASSSALT -> clientSalt = r.copyValue(MAX_USERNAME_BYTES + 1 + 33 + 1);
                case ControlType.USERNAME -> username = r.copyValue(MAX_USERNAME_BYTES + 1);
                case ControlType.PASSWORD -> password = r.copyValue(64);
                case ControlType.TERM_TYPE -> termType = terminalType(r.copyValue(MAX_TERM_TYPE_BYTES));
                case ControlType.TERM_WIDTH -> width = r.u16LittleEndian();
                case ControlType.TERM_HEIGHT -> height = r.u16LittleEndian();
                default -> {
                    // Raw bytes before login and unknown blocks are thrown away, as the reference does.
                }
            }
        }
        takeSize(width, height);
        if (clientSalt != null) {
            if (!answerClientKey(clientSalt)) {
                ctx.counters.increment(Counter.LOGINS_FAILED);
                ctx.logins.loginFailed(clientMac, serverId);
                queue(controlBlock(ControlType.END_AUTH, new byte[0]));
                failLogin(LOGIN_FAILED);
                return;
            }
        } else if (beginAuth) {
            byte[] salt = login.md5Salt();
            if (salt != null && wire.nothingQueued()) {
                queue(controlBlock(ControlType.PASSSALT, salt));
            }
        }
        if (username != null && password != null) {
            attemptLogin(username, password, now);
        }
    }

    /** Client PASSSALT = user name, 00, 33-byte key (§3.3, §8): anything else fails the login. */
    private boolean answerClientKey(byte[] value) {
        int zero = -1;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == 0) {
                zero = i;
                break;
            }
        }
        if (zero < 1 || zero > MAX_USERNAME_BYTES || value.length - zero - 1 != 33) {
            return false;
        }
        String user = LoginName.parse(new String(value, 0, zero, StandardCharsets.UTF_8)).user();
        if (user.isEmpty()) {
            return false;
        }
        byte[] key = java.util.Arrays.copyOfRange(value, zero + 1, value.length);
        byte[] serverKey = login.serverKey(user, key);
        if (serverKey == null) {
            return false;
        }
        if (wire.nothingQueued()) {
            // Otherwise the same answer is still on its way.
            queue(controlBlock(ControlType.PASSSALT, serverKey));
        }
        return true;
    }

    private void attemptLogin(byte[] username, byte[] password, long now) {
        String user = username.length > MAX_USERNAME_BYTES ? ""
                : LoginName.parse(new String(username, StandardCharsets.UTF_8)).user();
        boolean lockedOut = ctx.logins.isLockedOut(clientMac, serverId);
        LoginRoute route = user.isEmpty() ? LoginRoute.LOCAL : ctx.logins.loginRoute(user, serverId);
        // A locked-out MAC is refused here, without bothering the remote servers.
        if (!lockedOut && login.checkRemotely(clientMac, serverId, user, password, route, ctx::wakeTimers)) {
            java.util.Arrays.fill(password, (byte) 0);
            ctx.counters.increment(Counter.REMOTE_CHECKS);
            state = State.CHECKING;
            return;
        }
        boolean ok = !user.isEmpty() && login.attempt(user, password, lockedOut) && route != LoginRoute.REMOTE;
        java.util.Arrays.fill(password, (byte) 0);
        if (route == LoginRoute.REMOTE && login.mode() == SessionLogin.Mode.EC_SRP5) {
            ctx.counters.increment(Counter.REMOTE_EC_SRP5_REFUSED);
            ctx.logins.remoteLoginNeedsMd5(user, serverId);
        }
        finishLogin(ok, user, now);
    }

    /** The remote check has answered (on the timer thread): the login ends as the verdict says. */
    private void remoteDecided(RemoteVerdict verdict, long now) {
        boolean ok = switch (verdict.outcome()) {
            case ACCEPT -> !ctx.logins.isLockedOut(clientMac, serverId);
            case REJECT -> false;
            case UNAVAILABLE -> login.attemptLocallyInstead(ctx.logins.isLockedOut(clientMac, serverId));
        };
        if (ok && verdict.outcome() == RemoteVerdict.Outcome.ACCEPT) {
            remoteGroup = verdict.group();
        }
        state = State.AUTH;
        finishLogin(ok, login.remoteUser(), now);
    }

    private void finishLogin(boolean ok, String user, long now) {
        if (!ok) {
            queue(controlBlock(ControlType.END_AUTH, new byte[0]));
            ctx.counters.increment(Counter.LOGINS_FAILED);
            ctx.logins.loginFailed(clientMac, serverId);
            failLogin(LOGIN_FAILED);
            return;
        }
        ctx.logins.loginSucceeded(clientMac, serverId);
        if (!ctx.sessionHost.maySessionStart(serverId)) {
            queue(controlBlock(ControlType.END_AUTH, new byte[0]));
            failLogin(TOO_MANY_SESSIONS);
            return;
        }
        ctx.counters.increment(Counter.LOGINS_OK);
        activate(user, now);
    }

    /** After END_AUTH: the message, then END once the client has them all; CLOSED meanwhile. */
    private void failLogin(String message) {
        state = State.CLOSED;
        queue(message.getBytes(StandardCharsets.US_ASCII));
        endWhenFlushed = true;
        pump();
    }

    /**
     * The terminal starts, and END_AUTH goes out with its banner and first prompt in one DATA
     * (§3): the client's acknowledgement of a lone END_AUTH would otherwise stand between the
     * login and the prompt.
     */
    private void activate(String user, long now) {
        state = State.ACTIVE;
        lastInput = now;
        wire.queue(controlBlock(ControlType.END_AUTH, new byte[0]));
        // The timer is not woken for this fallback: it would contend for the lock with the
        // terminal's first write; its next pass (within 250 ms) is soon enough.
        endAuthHeldUntil = now + END_AUTH_WAITS_MILLIS;
        TerminalSettings settings = new TerminalSettings(termType != null ? termType : TerminalSettings.SERIAL_DEFAULT.type(),
                columns > 0 ? columns : 80, rows > 0 ? rows : 24);
        input = new TerminalInput(ctx.config.inputBufferBytes());
        output = new TerminalOutput(ctx.config.outputBufferBytes(), () -> ctx.locked(this::pump));
        try {
            terminal = remoteGroup == null ? ctx.sessionHost.openTerminal(user, settings)
                    : ctx.sessionHost.openTerminal(user, remoteGroup, settings);
            ctx.terminalThreads.newThread(this::runTerminal).start();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MAC-Telnet terminal for " + user + " did not start", e);
            terminal = null;
            endAuthHeldUntil = 0;
            pump();
            abort(TERMINAL_FAILED);
            return;
        }
        // After the terminal's start, which is on the way to the prompt while this runs: its
        // first output needs the lock, held here until the session is registered.
        handle = new Handle(new MacSessionInfo(ctx.nextSessionId(), serverId, clientMac, ifIndex,
                ctx.sessionHost.interfaceName(ifIndex), user, ctx.clock.instant()));
        ctx.sessionHost.sessionOpened(handle);
        pump();
    }

    private void runTerminal() {
        try {
            terminal.run(input, output);
        } catch (Exception e) {
            LOG.log(Level.FINE, "MAC-Telnet terminal ended with an error", e);
        } finally {
            ctx.locked(() -> {
                terminalEnded = true;
                pump();
            });
        }
    }

    private void takeSize(int width, int height) {
        if (width >= 0) {
            columns = width;
        }
        if (height >= 0) {
            rows = height;
        }
    }

    /** The client's TERM: letters, digits and {@code . _ + -} only, else the default. */
    private static String terminalType(byte[] value) {
        for (byte b : value) {
            boolean ok = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '.' || b == '_' || b == '+' || b == '-';
            if (!ok) {
                return null;
            }
        }
        return value.length == 0 ? null : new String(value, StandardCharsets.US_ASCII);
    }

    // ---- timers ---------------------------------------------------------------------------------

    /** Resends, timeouts and host requests; returns the time of the next resend, or Long.MAX_VALUE. */
    long onTimer(long now) {
        if (removed) {
            return Long.MAX_VALUE;
        }
        if (endRequested) {
            abort(ENDED_BY_ADMIN);
            return Long.MAX_VALUE;
        }
        if (now - lastHeard >= ctx.config.silenceTimeoutMillis()) {
            ctx.counters.increment(Counter.TIMEOUTS);
            abort(TIMEOUT);
            return Long.MAX_VALUE;
        }
        if (state == State.CHECKING) {
            RemoteVerdict verdict = login.takeVerdict();
            if (verdict != null) {
                remoteDecided(verdict, now);
            }
        }
        if (removed) {
            return Long.MAX_VALUE;
        }
        if (state != State.ACTIVE && now - createdAt >= ctx.config.authTimeLimitMillis()) {
            ctx.counters.increment(Counter.TIMEOUTS);
            abort(null);
            return Long.MAX_VALUE;
        }
        if (state == State.ACTIVE) {
            long idle = ctx.sessionHost.idleTimeoutMillis(serverId);
            if (idle > 0 && now - lastInput >= idle) {
                ctx.counters.increment(Counter.TIMEOUTS);
                abort(TIMEOUT);
                return Long.MAX_VALUE;
            }
            if (now - lastInput >= RELEASE_AFTER_MILLIS) {
                // Each keeps its storage while it holds bytes (output in flight included).
                input.release();
                output.release();
            }
        }
        if (endAuthHeldUntil != 0 && now >= endAuthHeldUntil) {
            endAuthHeldUntil = 0;
            pump();
        }
        long next = wire.resendDue(now, output);
        if (next == SessionTransport.GIVE_UP) {
            abort(null);
            return Long.MAX_VALUE;
        }
        return endAuthHeldUntil != 0 ? Math.min(next, endAuthHeldUntil) : next;
    }

    /** Asks the timer thread to end this session (from any thread). */
    void requestEnd() {
        endRequested = true;
        ctx.wakeTimers();
    }

    /** The server is stopping: tell the client, then go. */
    void shutDown() {
        abort(SHUTTING_DOWN);
    }

    // ---- sending --------------------------------------------------------------------------------

    private static byte[] controlBlock(int type, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(ControlBlockEncoder.blockLength(value.length));
        ControlBlockEncoder.put(b, type, value);
        return b.array();
    }

    private void queue(byte[] payload) {
        wire.queue(payload);
        pump();
    }

    /**
     * Sends the next DATA if none is in flight: a queued control message first, then terminal
     * output. With nothing left, a finished session sends END and goes.
     */
    private void pump() {
        if (removed) {
            return;
        }
        if (endAuthHeldUntil != 0) {
            if (output.isEmpty() && !terminalEnded) {
                return;
            }
            endAuthHeldUntil = 0;
        }
        if (!wire.sendNext(state == State.ACTIVE ? output : null)
                && (endWhenFlushed || (terminalEnded && state == State.ACTIVE))) {
            wire.sendEnd();
            remove();
        }
    }

    /** A one-off message (not resent), END, and the session is gone. */
    private void abort(String message) {
        if (removed) {
            return;
        }
        wire.sendLast(state == State.ACTIVE ? message : null);
        remove();
    }

    private void remove() {
        if (removed) {
            return;
        }
        removed = true;
        wire.clear();
        if (input != null) {
            input.close();
            output.close();
        }
        MacTerminal t = terminal;
        if (t != null && !terminalEnded) {
            // JLine may wait for its own threads on close; never do that under the server lock.
            Thread.ofVirtual().start(t::close);
        }
        if (handle != null) {
            ctx.sessionHost.sessionClosed(handle);
        }
        ctx.removed(this);
    }

    /** What the host holds for a logged-in session. */
    private final class Handle implements OpenSession {
        private final MacSessionInfo info;

        Handle(MacSessionInfo info) {
            this.info = info;
        }

        @Override
        public MacSessionInfo info() {
            return info;
        }

        @Override
        public void end() {
            requestEnd();
        }

        @Override
        public String toString() {
            return "OpenSession" + info;
        }
    }
}
