package macserver.mactelnet;

/**
 * One decoded MAC-Telnet or MAC-Ping header. The decoder fills a reused instance, so reading a
 * packet allocates nothing; the payload stays in the caller's buffer at {@link #payloadOffset}.
 */
public final class MtHeader {
    /** A MAC-Telnet header; DATA carries its payload after it. */
    public static final int LENGTH = 22;
    /** A MAC-Ping header, and the shortest packet anything on port 20561 accepts. */
    public static final int PING_LENGTH = 18;
    public static final int VERSION = 1;
    public static final int CLIENT_TYPE_MAC_TELNET = 0x0015;
    public static final int PORT = 20561;

    public int type;
    public long senderMac;
    public long receiverMac;
    public int sessionKey;
    public int clientType;
    /** Unsigned 32-bit; 0 when the packet is 18 to 21 bytes long. */
    public int counter;
    /** Absolute index of the first payload byte in the decoded buffer. */
    public int payloadOffset;
    public int payloadLength;
}
