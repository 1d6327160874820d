package macserver.mactelnet;

/** The services on UDP 20561 that the host's policy admits or drops per client MAC and interface. */
public enum MacService {
    MAC_TELNET,
    MAC_PING
}
