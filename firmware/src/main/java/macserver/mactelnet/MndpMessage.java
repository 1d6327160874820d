package macserver.mactelnet;

/** What arrived on UDP 5678: a discovery request, another device's announcement, or junk. */
public sealed interface MndpMessage permits MndpMessage.DiscoveryRequest, MndpAnnouncement, MndpMessage.Malformed {

    /** A datagram of 4 to 17 bytes: too short for an announcement, so a request to announce. */
    record DiscoveryRequest() implements MndpMessage {
        static final DiscoveryRequest INSTANCE = new DiscoveryRequest();
    }

    /** Bytes that are neither; {@code reason} says why, for the debug log. */
    record Malformed(MtDecodeResult result, String reason) implements MndpMessage {
    }
}
