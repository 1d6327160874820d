package macserver.mactelnet;

/** The packet type byte (header offset 1) of MAC-Telnet and MAC-Ping packets. */
public final class MtPacketType {
    public static final int SESSIONSTART = 0;
    public static final int DATA = 1;
    public static final int ACK = 2;
    public static final int PING = 4;
    public static final int PONG = 5;
    public static final int END = 255;

    private MtPacketType() {
    }
}
