package macserver.mactelnet;

import java.nio.ByteBuffer;

/** A 48-bit MAC address kept in the low bits of a long, as the data path hands it over. */
public final class Mac48 {

    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    public static final int LENGTH = 6;

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
}
