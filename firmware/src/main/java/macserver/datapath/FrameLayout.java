package macserver.datapath;

/** Byte offsets of an untagged Ethernet II / IPv4 (no options) / UDP frame, shared by the codec. */
final class FrameLayout {
    static final int ETH_DST = 0;
    static final int ETH_SRC = 6;
    static final int ETH_TYPE = 12;
    static final int ETH_HEADER = 14;
    /** Shortest Ethernet frame without the FCS; shorter frames are padded with zeros. */
    static final int ETH_MIN_FRAME = 60;

    static final int IP = ETH_HEADER;
    static final int IP_VERSION_IHL = IP;
    static final int IP_TOS = IP + 1;
    static final int IP_TOTAL_LENGTH = IP + 2;
    static final int IP_ID = IP + 4;
    static final int IP_FLAGS_FRAGMENT = IP + 6;
    static final int IP_TTL = IP + 8;
    static final int IP_PROTOCOL = IP + 9;
    static final int IP_CHECKSUM = IP + 10;
    static final int IP_SRC = IP + 12;
    static final int IP_DST = IP + 16;
    static final int IP_HEADER = 20;

    static final int UDP = IP + IP_HEADER;
    static final int UDP_SRC_PORT = UDP;
    static final int UDP_DST_PORT = UDP + 2;
    static final int UDP_LENGTH = UDP + 4;
    static final int UDP_CHECKSUM = UDP + 6;
    static final int UDP_HEADER = 8;
    static final int PAYLOAD = UDP + UDP_HEADER;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    /** Ethernet type values below this are 802.3 length fields, not types. */
    static final int ETHERTYPE_MIN = 0x0600;
    static final int PROTOCOL_UDP = 17;
    static final int IP_FLAG_DF = 0x4000;
    /** More-fragments flag and the 13-bit fragment offset. */
    static final int IP_FRAGMENT_MASK = 0x3FFF;

    /** Largest UDP payload that fits an unfragmented IPv4 datagram on a 1500-byte MTU. */
    static final int MAX_PAYLOAD = 1500 - IP_HEADER - UDP_HEADER;
    static final int MAX_FRAME = PAYLOAD + MAX_PAYLOAD;

    private FrameLayout() {
    }
}
