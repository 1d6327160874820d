package macserver.mactelnet;

/**
 * Where a login by one user on one server is checked, as the host's configuration says (RouterOS's
 * {@code authentication=local,radius} in its order). Only the legacy MD5 login can be checked
 * remotely: an EC-SRP5 login on a {@link #REMOTE} route always fails.
 */
public enum LoginRoute {
    /** Against the local user (the only route of a host without remote logins). */
    LOCAL,
    /** By the remote check only (the user is not local, or local logins are off on this server). */
    REMOTE,
    /** Remote first; the local user is checked only when no remote server answers. */
    REMOTE_THEN_LOCAL
}
