package macserver.mactelnet;

import macserver.console.TerminalSettings;

/**
 * Where a logged-in session lives: the instance's session limit and idle timeout, the registry
 * told of sessions opening and closing, and the CLI terminal each session drives. Asked under
 * the server's lock: must not block ({@link OpenSession#end} only posts a request).
 */
public interface SessionHost {
    /**
     * Whether one more session may start on this server (its max-sessions, counting the sessions
     * reported by {@link #sessionOpened}), asked again just before a successful login opens the
     * terminal: others may have logged in since the SESSIONSTART was admitted.
     */
    boolean maySessionStart(int serverId);

    /** Idle timeout of a server in milliseconds (no keystrokes from the client for that long), 0 for none. */
    long idleTimeoutMillis(int serverId);

    /** A login succeeded and the terminal is about to start. */
    void sessionOpened(OpenSession session);

    /** A session reported by {@link #sessionOpened} is gone (for whatever reason). */
    void sessionClosed(OpenSession session);

    /** Opens the CLI for a logged-in user; the server runs it on its own thread. */
    MacTerminal openTerminal(String user, TerminalSettings terminal);

    /** Opens the CLI for a user a remote check accepted: the rights are {@code group}'s. */
    default MacTerminal openTerminal(String user, String group, TerminalSettings terminal) {
        throw new UnsupportedOperationException("this host has no remote logins");
    }

    /** The host's name of an interface (for MNDP TLV 16 and the session list). */
    String interfaceName(int ifIndex);
}
