package macserver.mactelnet;

import java.nio.ByteBuffer;

/**
 * Writes MAC-Telnet and MAC-Ping headers at the buffer's position (relative puts). Stateless and
 * allocation-free; the caller owns the buffer and appends any payload after the header.
 */
public final class MtPacketEncoder {

    private MtPacketEncoder() {
    }

    /** A 22-byte MAC-Telnet header in the layout of the side that writes it ({@code as}). */
    public static void writeHeader(ByteBuffer out, Direction as, int type, long senderMac, long receiverMac,
            int sessionKey, int counter) {
        int start = out.position();
        out.put((byte) MtHeader.VERSION).put((byte) type);
        Mac48.put(out, senderMac);
        Mac48.put(out, receiverMac);
        out.putShort(start + as.keyOffset, (short) sessionKey);
        out.putShort(start + as.clientTypeOffset, (short) MtHeader.CLIENT_TYPE_MAC_TELNET);
        out.position(start + 18);
        out.putInt(counter);
    }

    /** An 18-byte MAC-Ping header (PING or PONG): bytes 14 to 17 are zero. */
    public static void writePingHeader(ByteBuffer out, int type, long senderMac, long receiverMac) {
        out.put((byte) MtHeader.VERSION).put((byte) type);
        Mac48.put(out, senderMac);
        Mac48.put(out, receiverMac);
        out.putInt(0);
    }

    /**
     * A PONG answering a PING: our MAC as sender, the pinger's as receiver, then the PING's
     * payload echoed byte for byte ({@code echo}'s position to limit, which is not moved).
     */
    public static void writePong(ByteBuffer out, long ourMac, long pingerMac, ByteBuffer echo) {
        writePingHeader(out, MtPacketType.PONG, ourMac, pingerMac);
        out.put(echo.duplicate());
    }
}
