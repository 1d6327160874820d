package macserver.mactelnet;

import java.util.Arrays;
import macserver.mac.MacAddress;

/**
 * One MNDP announcement: the TLVs a device sends about the interface it sends from. Absent
 * string fields are null, an absent uptime is -1, absent addresses are null.
 *
 * @param mac TLV 1, the sending interface's MAC (required)
 * @param uptimeSeconds TLV 10, unsigned 32-bit little-endian on the wire
 * @param ipv4 TLV 17, four bytes, or null
 * @param ipv6 TLV 15, sixteen bytes, or null
 */
public record MndpAnnouncement(long mac, String identity, String version, String platform, long uptimeSeconds,
        String softwareId, String board, String interfaceName, byte[] ipv4, byte[] ipv6) implements MndpMessage {

    public MndpAnnouncement {
        if (ipv4 != null && ipv4.length != 4) {
            throw new IllegalArgumentException("IPv4 address must be 4 bytes");
        }
        if (ipv6 != null && ipv6.length != 16) {
            throw new IllegalArgumentException("IPv6 address must be 16 bytes");
        }
        ipv4 = ipv4 == null ? null : ipv4.clone();
        ipv6 = ipv6 == null ? null : ipv6.clone();
    }

    @Override
    public byte[] ipv4() {
        return ipv4 == null ? null : ipv4.clone();
    }

    @Override
    public byte[] ipv6() {
        return ipv6 == null ? null : ipv6.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MndpAnnouncement a && mac == a.mac && uptimeSeconds == a.uptimeSeconds
                && java.util.Objects.equals(identity, a.identity) && java.util.Objects.equals(version, a.version)
                && java.util.Objects.equals(platform, a.platform) && java.util.Objects.equals(softwareId, a.softwareId)
                && java.util.Objects.equals(board, a.board) && java.util.Objects.equals(interfaceName, a.interfaceName)
                && Arrays.equals(ipv4, a.ipv4) && Arrays.equals(ipv6, a.ipv6);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(mac, identity, version, platform, uptimeSeconds, softwareId, board,
                interfaceName, Arrays.hashCode(ipv4), Arrays.hashCode(ipv6));
    }

    @Override
    public String toString() {
        return "MndpAnnouncement[" + MacAddress.format(mac) + " " + identity + " (" + platform + " " + version + " "
                + board + ") " + interfaceName + "]";
    }
}
