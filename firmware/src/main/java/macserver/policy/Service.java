package macserver.policy;

/** What a client MAC asks the MAC server for. */
public enum Service {
    MAC_TELNET,
    MAC_PING
}
