package macserver.mactelnet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * MNDP on UDP 5678: a 4-byte header (two bytes we write as zero, then a 16-bit sequence number
 * where RouterOS keeps one; receivers skip all four), then TLVs of type u16, length u16, value.
 * Stateless; decoding never throws.
 */
public final class MndpCodec {

    public static final int PORT = 5678;
    public static final int HEADER_LENGTH = 4;
    /** The clients ignore anything shorter; we take shorter datagrams as discovery requests. */
    public static final int MIN_ANNOUNCEMENT = 18;
    /** The clients cut strings to this many bytes, so longer ones are cut before sending. */
    public static final int MAX_STRING_BYTES = 127;

    static final int MAC = 1;
    static final int IDENTITY = 5;
    static final int VERSION = 7;
    static final int PLATFORM = 8;
    static final int UPTIME = 10;
    static final int SOFTWARE_ID = 11;
    static final int BOARD = 12;
    static final int IPV6 = 15;
    static final int INTERFACE_NAME = 16;
    static final int IPV4 = 17;

    private MndpCodec() {
    }

    /** The most bytes {@link #encode} can write: header, fixed TLVs and six strings at their cap. */
    public static final int MAX_LENGTH = HEADER_LENGTH + 4 * 10 + 6 + 4 + 16 + 4 + 6 * MAX_STRING_BYTES;

    /**
     * Writes an announcement at the buffer's position: TLVs 1, 5, 7, 8, 10, 11, 12, 16, then 17
     * and 15 when the addresses are known. Null strings are left out.
     */
    public static void encode(ByteBuffer out, MndpAnnouncement a, int sequence) {
        out.putShort((short) 0).putShort((short) sequence);
        out.putShort((short) MAC).putShort((short) Mac48.LENGTH);
        Mac48.put(out, a.mac());
        putString(out, IDENTITY, a.identity());
        putString(out, VERSION, a.version());
        putString(out, PLATFORM, a.platform());
        if (a.uptimeSeconds() >= 0) {
            out.putShort((short) UPTIME).putShort((short) 4);
            int uptime = (int) Math.min(a.uptimeSeconds(), 0xFFFF_FFFFL);
            out.put((byte) uptime).put((byte) (uptime >>> 8)).put((byte) (uptime >>> 16)).put((byte) (uptime >>> 24));
        }
        putString(out, SOFTWARE_ID, a.softwareId());
        putString(out, BOARD, a.board());
        putString(out, INTERFACE_NAME, a.interfaceName());
        putBytes(out, IPV4, a.ipv4());
        putBytes(out, IPV6, a.ipv6());
    }

    /** Reads a datagram (position to limit; the buffer is not moved). */
    public static MndpMessage decode(ByteBuffer in) {
        int start = in.position();
        int length = in.remaining();
        if (length < HEADER_LENGTH) {
            return new MndpMessage.Malformed(MtDecodeResult.TOO_SHORT, "shorter than the MNDP header");
        }
        if (length < MIN_ANNOUNCEMENT) {
            return MndpMessage.DiscoveryRequest.INSTANCE;
        }
        Fields f = new Fields();
        int at = start + HEADER_LENGTH;
        int end = start + length;
        while (at < end) {
            if (end - at < 4) {
                return new MndpMessage.Malformed(MtDecodeResult.MALFORMED, "trailing bytes after the last TLV");
            }
            int type = in.getShort(at) & 0xFFFF;
            int len = in.getShort(at + 2) & 0xFFFF;
            int value = at + 4;
            if (len > end - value) {
                return new MndpMessage.Malformed(MtDecodeResult.MALFORMED, "TLV " + type + " runs past the end");
            }
            String problem = f.take(in, type, value, len);
            if (problem != null) {
                return new MndpMessage.Malformed(MtDecodeResult.MALFORMED, problem);
            }
            at = value + len;
        }
        if (f.mac < 0) {
            return new MndpMessage.Malformed(MtDecodeResult.MALFORMED, "no MAC address TLV");
        }
        return new MndpAnnouncement(f.mac, f.identity, f.version, f.platform, f.uptime, f.softwareId, f.board,
                f.interfaceName, f.ipv4, f.ipv6);
    }

    /** The TLVs seen so far; unknown types are skipped, a known one of the wrong size is refused. */
    private static final class Fields {
        long mac = -1;
        long uptime = -1;
        String identity;
        String version;
        String platform;
        String softwareId;
        String board;
        String interfaceName;
        byte[] ipv4;
        byte[] ipv6;

        String take(ByteBuffer in, int type, int at, int len) {
            switch (type) {
                case MAC -> {
                    if (len != Mac48.LENGTH) {
                        return "MAC TLV of " + len + " bytes";
                    }
                    mac = Mac48.get(in, at);
                }
                case UPTIME -> {
                    if (len != 4) {
                        return "uptime TLV of " + len + " bytes";
                    }
                    uptime = (in.get(at) & 0xFFL) | (in.get(at + 1) & 0xFFL) << 8 | (in.get(at + 2) & 0xFFL) << 16
                            | (in.get(at + 3) & 0xFFL) << 24;
                }
                case IPV4 -> {
                    if (len != 4) {
                        return "IPv4 TLV of " + len + " bytes";
                    }
                    ipv4 = bytes(in, at, len);
                }
                case IPV6 -> {
                    if (len != 16) {
                        return "IPv6 TLV of " + len + " bytes";
                    }
                    ipv6 = bytes(in, at, len);
                }
                case IDENTITY -> identity = string(in, at, len);
                case VERSION -> version = string(in, at, len);
                case PLATFORM -> platform = string(in, at, len);
                case SOFTWARE_ID -> softwareId = string(in, at, len);
                case BOARD -> board = string(in, at, len);
                case INTERFACE_NAME -> interfaceName = string(in, at, len);
                default -> {
                    // 14 (unpack), 2, 3, 6, 9 and anything newer carry nothing a neighbour list shows.
                }
            }
            return null;
        }
    }

    private static byte[] bytes(ByteBuffer in, int at, int len) {
        byte[] b = new byte[len];
        in.get(at, b);
        return b;
    }

    private static String string(ByteBuffer in, int at, int len) {
        return new String(bytes(in, at, Math.min(len, MAX_STRING_BYTES)), StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer out, int type, String value) {
        if (value == null) {
            return;
        }
        byte[] utf8 = Utf8Cut.cut(value, MAX_STRING_BYTES);
        out.putShort((short) type).putShort((short) utf8.length).put(utf8);
    }

    private static void putBytes(ByteBuffer out, int type, byte[] value) {
        if (value != null) {
            out.putShort((short) type).putShort((short) value.length).put(value);
        }
    }
}
