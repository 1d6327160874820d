package macserver.mactelnet;

/**
 * The MAC server's first question for every SESSIONSTART and PING: who serves this client MAC
 * here, or why not. Asked on the receive thread under the server's lock: must not block or
 * allocate.
 */
public interface AdmissionPolicy {
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
}
