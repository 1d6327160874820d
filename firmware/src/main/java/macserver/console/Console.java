package macserver.console;

/** A running console. Its thread is a daemon: the firmware's main decides how long the process lives. */
public interface Console {

    /** Stops the console and releases its device; returns without waiting. */
    void stop();

    /**
     * Waits until the console has ended: the host console at the end of its input or logout, a
     * serial console only after {@link #stop()}.
     */
    void awaitEnd() throws InterruptedException;
}
