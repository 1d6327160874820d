package macserver.mactelnet;

/**
 * A device heard announcing itself by MNDP, for {@code /ip neighbor}.
 *
 * @param ifIndex the interface the announcement came in on
 * @param interfaceName the host's name for that interface
 * @param ipSource the IPv4 source of the datagram (what the MAC-Telnet tools show as the address)
 * @param announcement what the device said about itself
 * @param seenAtMillis the server clock's time of arrival
 */
public record Neighbour(int ifIndex, String interfaceName, int ipSource, MndpAnnouncement announcement,
        long seenAtMillis) {
}
