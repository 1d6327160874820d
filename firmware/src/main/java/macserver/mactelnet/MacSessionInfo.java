package macserver.mactelnet;

import java.time.Instant;

/**
 * A logged-in MAC-Telnet session, as {@code /tool mac-server sessions} lists it.
 *
 * @param id unique for the life of the server, never reused
 * @param serverId the MAC server instance the host's policy chose
 * @param clientMac the client's MAC (low 48 bits)
 * @param ifIndex the interface whose MAC the client addressed
 * @param user the user name, without any {@code +options}
 * @param started when the login succeeded
 */
public record MacSessionInfo(long id, int serverId, long clientMac, int ifIndex, String interfaceName, String user,
        Instant started) {
}
