package macserver.datapath;

import macserver.mac.MacAddress;

/**
 * One interface of the data path as looked up at open time: name, kernel index, Ethernet MAC
 * (low 48 bits) and IPv4 address (0 when it had none).
 */
public record LinkInfo(String name, int ifIndex, long mac, int ipv4) {
    public LinkInfo {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a link needs an interface name");
        }
        if ((mac & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("MAC is 48 bits, got 0x" + Long.toHexString(mac));
        }
    }

    /** The MAC as RouterOS prints it. */
    public String macText() {
        return MacAddress.format(mac);
    }

    /** The IPv4 address in dotted quads. */
    public String ipv4Text() {
        return (ipv4 >>> 24) + "." + (ipv4 >>> 16 & 0xFF) + "." + (ipv4 >>> 8 & 0xFF) + "." + (ipv4 & 0xFF);
    }

    @Override
    public String toString() {
        return name + " (ifindex " + ifIndex + ", " + macText() + ", " + ipv4Text() + ")";
    }
}
