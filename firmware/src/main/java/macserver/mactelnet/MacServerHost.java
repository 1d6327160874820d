package macserver.mactelnet;

import macserver.console.TerminalSettings;

/**
 * Everything the MAC server protocol layer asks of the rest of the firmware: policy, users,
 * session bookkeeping, the CLI and what MNDP says. The protocol layer keeps no configuration of
 * its own.
 *
 * <p>Calls come from the receive thread and the server's timer thread, with the server's lock
 * held: implementations must not block and must not call back into the server synchronously
 * ({@link OpenSession#end} is safe: it only posts a request).
 */
public interface MacServerHost {

    /**
     * The one policy answer for a SESSIONSTART or PING, as an {@link Admission}: the MAC server
     * instance that serves this client MAC on this interface for this service and whether the
     * MAC has its own binding, or why it is dropped (counted by the host per reason). For
     * MAC-Telnet the answer includes whether the instance has room for one more session. The
     * client MAC is the header's, which the client writes itself; {@code ethSource} is the frame's
     * Ethernet source, for the host to hold it against. Called for every SESSIONSTART and PING,
     * so it must not allocate.
     */
    long admit(long clientMac, long ethSource, int ifIndex, MacService service);

    /**
     * Whether one more session may start on this server (its max-sessions, counting the sessions
     * reported by {@link #sessionOpened}), asked again just before a successful login opens the
     * terminal: others may have logged in since the SESSIONSTART was admitted.
     */
    boolean maySessionStart(int serverId);

    /** Whether logins from this MAC are locked out on this server now (after too many failures). */
    boolean isLockedOut(long clientMac, int serverId);

    /** A login attempt from this MAC failed (wrong password, unknown user, not allowed, locked out). */
    void loginFailed(long clientMac, int serverId);

    /** A login from this MAC succeeded; the host may clear its failure count. */
    void loginSucceeded(long clientMac, int serverId);

    /**
     * What is needed to check a login by {@code user} (already cut at the first '+'), or null
     * for an unknown user. Unknown users are served a fake EC-SRP5 exchange that fails at the
     * proof, so nobody learns which names exist.
     */
    LoginMaterial loginMaterial(String user);

    /** Idle timeout of a server in milliseconds (no keystrokes from the client for that long), 0 for none. */
    long idleTimeoutMillis(int serverId);

    /** A login succeeded and the terminal is about to start. */
    void sessionOpened(OpenSession session);

    /** A session reported by {@link #sessionOpened} is gone (for whatever reason). */
    void sessionClosed(OpenSession session);

    /** Opens the CLI for a logged-in user; the server runs it on its own thread. */
    MacTerminal openTerminal(String user, TerminalSettings terminal);

    /** This router's MNDP identity, read at every announcement. */
    MndpIdentity mndpIdentity();

    /**
     * The interfaces MNDP announces on and listens on (the discovery interface list). The array
     * is only read; the host may hand out the same one each time.
     */
    int[] discoveryInterfaces();

    /** The host's name of an interface (for MNDP TLV 16 and the session list). */
    String interfaceName(int ifIndex);

    /** Another device announced itself on an interface we listen on. */
    void neighbourSeen(Neighbour neighbour);

    // ---- remote logins (RADIUS); a host without them keeps the defaults -------------------------

    /** Where logins by {@code user} (cut at '+') on this server are checked. */
    default LoginRoute loginRoute(String user, int serverId) {
        return LoginRoute.LOCAL;
    }

    /**
     * Starts a remote check of an MD5 login and returns at once (the caller holds the server's
     * lock). {@code done} must get exactly one verdict, from any thread; the session picks it up
     * on the server's timer thread, so {@code done} itself never blocks.
     */
    default void checkRemotely(RemoteLogin login, java.util.function.Consumer<RemoteVerdict> done) {
        done.accept(RemoteVerdict.UNAVAILABLE);
    }

    /** Opens the CLI for a user a remote check accepted: the rights are {@code group}'s. */
    default MacTerminal openTerminal(String user, String group, TerminalSettings terminal) {
        throw new UnsupportedOperationException("this host has no remote logins");
    }

    /** An EC-SRP5 login was refused because only the remote check could admit {@code user} there. */
    default void remoteLoginNeedsMd5(String user, int serverId) {
    }
}
