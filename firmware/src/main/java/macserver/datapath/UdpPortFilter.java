package macserver.datapath;

import static macserver.datapath.BpfProgram.ABS;
import static macserver.datapath.BpfProgram.B;
import static macserver.datapath.BpfProgram.H;
import static macserver.datapath.BpfProgram.IND;
import static macserver.datapath.BpfProgram.JEQ;
import static macserver.datapath.BpfProgram.JMP;
import static macserver.datapath.BpfProgram.JSET;
import static macserver.datapath.BpfProgram.K;
import static macserver.datapath.BpfProgram.LD;
import static macserver.datapath.BpfProgram.LDX;
import static macserver.datapath.BpfProgram.MSH;
import static macserver.datapath.BpfProgram.RET;
import static macserver.datapath.FrameLayout.ETHERTYPE_IPV4;
import static macserver.datapath.FrameLayout.ETH_HEADER;
import static macserver.datapath.FrameLayout.ETH_TYPE;
import static macserver.datapath.FrameLayout.IP_FLAGS_FRAGMENT;
import static macserver.datapath.FrameLayout.IP_FRAGMENT_MASK;
import static macserver.datapath.FrameLayout.IP_PROTOCOL;
import static macserver.datapath.FrameLayout.IP_VERSION_IHL;
import static macserver.datapath.FrameLayout.PROTOCOL_UDP;

/**
 * The kernel-side filter of the data path: passes untagged IPv4 UDP datagrams that are not
 * fragments and go to one of a few destination ports, drops everything else before it is copied
 * to user space. The decoder still checks every field; this only keeps the rest of the LAN's
 * traffic away from the receive thread.
 */
public final class UdpPortFilter {
    public static final int MAC_TELNET_PORT = 20561;
    public static final int MNDP_PORT = 5678;
    /** Bytes of an accepted frame the kernel copies: all of it (jumbo frames included). */
    static final int ACCEPT_BYTES = 0x40000;

    private UdpPortFilter() {
    }

    /** The filter for MAC-Telnet/MAC-Ping (20561) and MNDP (5678). */
    public static BpfProgram macServer() {
        return forPorts(MAC_TELNET_PORT, MNDP_PORT);
    }

    /** A filter passing IPv4 UDP (no fragments) to any of {@code ports} (1 to 200 of them). */
    public static BpfProgram forPorts(int... ports) {
        if (ports.length == 0 || ports.length > 200) {
            throw new IllegalArgumentException("a port filter takes 1 to 200 ports, got " + ports.length);
        }
        for (int port : ports) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("not a UDP port: " + port);
            }
        }
        int n = ports.length;
        // Layout: instructions 0..7 check the headers and load the port, 8..7+n compare it, then
        // "accept" at 8+n and "drop" at 9+n; every jump goes forward, as the kernel requires.
        int accept = 8 + n;
        int drop = accept + 1;
        BpfProgram.Builder p = new BpfProgram.Builder();
        p.add(LD | H | ABS, 0, 0, ETH_TYPE);
        p.add(JMP | JEQ | K, 0, jump(p, drop), ETHERTYPE_IPV4);
        p.add(LD | B | ABS, 0, 0, IP_PROTOCOL);
        p.add(JMP | JEQ | K, 0, jump(p, drop), PROTOCOL_UDP);
        p.add(LD | H | ABS, 0, 0, IP_FLAGS_FRAGMENT);
        p.add(JMP | JSET | K, jump(p, drop), 0, IP_FRAGMENT_MASK);
        // X = 4 * IHL: the UDP header starts at 14 + X whatever the options.
        p.add(LDX | B | MSH, 0, 0, IP_VERSION_IHL);
        p.add(LD | H | IND, 0, 0, ETH_HEADER + 2);
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            p.add(JMP | JEQ | K, jump(p, accept), last ? jump(p, drop) : 0, ports[i]);
        }
        p.add(RET | K, 0, 0, ACCEPT_BYTES);
        p.add(RET | K, 0, 0, 0);
        return p.build();
    }

    /** The jt/jf offset from the instruction about to be added to {@code target}. */
    private static int jump(BpfProgram.Builder p, int target) {
        return target - p.size() - 1;
    }
}
