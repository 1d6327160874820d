package macserver.mactelnet;

/** A session the host was told about, with the way to end it (e.g. from the CLI). */
public interface OpenSession {

    MacSessionInfo info();

    /**
     * Ends the session: the client is sent "Session ended by administrator" and END. Returns at
     * once; the work runs on the server's timer thread, so it may be called with any lock held,
     * and {@link MacServerHost#sessionClosed} follows from that thread.
     */
    void end();
}
