package macserver.mactelnet;

/** What a decoder made of its input: {@link #OK}, or why it refused it (each reason is counted). */
public enum MtDecodeResult {
    OK,
    /** Shorter than the header it needs. */
    TOO_SHORT,
    /** Version byte other than 1. */
    BAD_VERSION,
    /** Client type other than 0x0015 (e.g. a MAC WinBox session on the same port). */
    NOT_MAC_TELNET,
    /** Structure that does not add up (an MNDP TLV past the end, a field of the wrong size). */
    MALFORMED
}
