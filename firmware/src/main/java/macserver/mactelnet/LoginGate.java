package macserver.mactelnet;

/**
 * What a MAC-Telnet login is checked against: the user's login material, lockouts after failed
 * attempts, and where the check happens (locally or by a remote check such as RADIUS). Asked
 * under the server's lock: must not block.
 */
public interface LoginGate {
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

    /** An EC-SRP5 login was refused because only the remote check could admit {@code user} there. */
    default void remoteLoginNeedsMd5(String user, int serverId) {
    }
}
