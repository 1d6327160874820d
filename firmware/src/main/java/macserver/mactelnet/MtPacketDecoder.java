package macserver.mactelnet;

import java.nio.ByteBuffer;

/**
 * Reads MAC-Telnet and MAC-Ping headers in place (absolute reads; the buffer's position and limit
 * are left alone). Stateless and allocation-free.
 */
public final class MtPacketDecoder {

    private MtPacketDecoder() {
    }

    /**
     * Decodes the packet between the buffer's position and limit into {@code into}.
     * PING and PONG have an 18-byte header and their payload starts at 18. The other types have
     * 22 bytes; SESSIONSTART, ACK and END of 18 to 21 bytes are accepted with counter 0 (as the
     * reference server does), a DATA needs all 22. On {@link MtDecodeResult#TOO_SHORT} for a DATA
     * of 18 to 21 bytes, the addresses and key are still filled in, so the caller can note the
     * activity.
     */
    public static MtDecodeResult decode(ByteBuffer packet, Direction from, MtHeader into) {
        int start = packet.position();
        int length = packet.remaining();
        if (length < MtHeader.PING_LENGTH) {
            return MtDecodeResult.TOO_SHORT;
        }
        if ((packet.get(start) & 0xFF) != MtHeader.VERSION) {
            return MtDecodeResult.BAD_VERSION;
        }
        into.type = packet.get(start + 1) & 0xFF;
        into.senderMac = Mac48.get(packet, start + 2);
        into.receiverMac = Mac48.get(packet, start + 8);
        if (into.type == MtPacketType.PING || into.type == MtPacketType.PONG) {
            into.sessionKey = 0;
            into.clientType = 0;
            into.counter = 0;
            into.payloadOffset = start + MtHeader.PING_LENGTH;
            into.payloadLength = length - MtHeader.PING_LENGTH;
            return MtDecodeResult.OK;
        }
        into.sessionKey = packet.getShort(start + from.keyOffset) & 0xFFFF;
        into.clientType = packet.getShort(start + from.clientTypeOffset) & 0xFFFF;
        boolean whole = length >= MtHeader.LENGTH;
        into.counter = whole ? packet.getInt(start + 18) : 0;
        into.payloadOffset = start + Math.min(length, MtHeader.LENGTH);
        into.payloadLength = Math.max(0, length - MtHeader.LENGTH);
        if (into.clientType != MtHeader.CLIENT_TYPE_MAC_TELNET) {
            return MtDecodeResult.NOT_MAC_TELNET;
        }
        if (into.type == MtPacketType.DATA && !whole) {
            return MtDecodeResult.TOO_SHORT;
        }
        return MtDecodeResult.OK;
    }
}
