package macserver.mactelnet;

import java.nio.ByteBuffer;

/** A 48-bit MAC address kept in the low bits of a long, as the data path hands it over. */
public final class Mac48 {

    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    public static final int LENGTH = 6;
    private static final String HEX = "0123456789ABCDEF";

    private Mac48() {
    }

    /** Reads six bytes at an absolute index, big-endian; the buffer's position is not moved. */
    public static long get(ByteBuffer buf, int index) {
        return ((long) (buf.getShort(index) & 0xFFFF) << 32) | (buf.getInt(index + 2) & 0xFFFF_FFFFL);
    }

    /** Writes six bytes at the buffer's position and moves it on. */
    public static void put(ByteBuffer buf, long mac) {
        buf.putShort((short) (mac >>> 32));
        buf.putInt((int) mac);
    }

    /** {@code 02:00:00:00:00:0A}: upper case and zero-padded, as RouterOS prints MACs. */
    public static String format(long mac) {
        StringBuilder s = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac >>> shift) & 0xFF;
            s.append(HEX.charAt(b >>> 4)).append(HEX.charAt(b & 0xF));
            if (shift > 0) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
