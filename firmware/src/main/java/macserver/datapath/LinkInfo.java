package macserver.datapath;

import java.util.HexFormat;

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

    /** The MAC as RouterOS prints it: upper-case hex pairs joined by colons. */
    public String macText() {
        HexFormat hex = HexFormat.of().withUpperCase();
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            text.append(hex.toHexDigits((byte) (mac >>> shift))).append(shift > 0 ? ":" : "");
        }
        return text.toString();
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
