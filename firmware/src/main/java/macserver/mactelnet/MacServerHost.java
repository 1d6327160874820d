package macserver.mactelnet;

/**
 * Everything the MAC server protocol layer asks of the rest of the firmware, as one object: the
 * admission policy, the login gate, the home of sessions and discovery (the firmware's MAC server
 * plane plays all four; {@link MacServer} also takes them one by one, so a part can be tested
 * against a double of just its role). The protocol layer keeps no configuration of its own.
 *
 * <p>Calls come from the receive thread and the server's timer thread, with the server's lock
 * held: implementations must not block and must not call back into the server synchronously
 * ({@link OpenSession#end} is safe: it only posts a request).
 */
public interface MacServerHost extends AdmissionPolicy, LoginGate, SessionHost, Discovery {
    /** The name of an interface, for the session list and MNDP alike. */
    @Override
    String interfaceName(int ifIndex);
}
