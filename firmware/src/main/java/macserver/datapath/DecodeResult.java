package macserver.datapath;

/** What {@link FrameDecoder} made of one frame: {@link #OK}, or why it was dropped. */
public enum DecodeResult {
    OK,
    /** Shorter than its headers or than the lengths they give. */
    TRUNCATED,
    /** Carries an 802.1Q/802.1ad tag; the MAC server works on untagged frames only. */
    VLAN_TAGGED,
    /** Ethernet type is not IPv4 (an 802.3 length field counts here too). */
    NOT_IPV4,
    /** IP version is not 4, or the total length is smaller than the headers. */
    BAD_IP_HEADER,
    /** IHL above 5: the protocol never sends IP options, so they are not accepted. */
    IP_OPTIONS,
    BAD_IP_CHECKSUM,
    /** More-fragments flag or a fragment offset: the MAC server never sends fragments. */
    FRAGMENT,
    NOT_UDP,
    /** UDP length below 8 or beyond the IP payload. */
    BAD_UDP_LENGTH,
    /** UDP checksum is not 0 (none) and does not verify. */
    BAD_UDP_CHECKSUM
}
