package macserver.mactelnet;

import java.nio.ByteBuffer;

/** Writes control blocks at the buffer's position. Stateless and allocation-free. */
public final class ControlBlockEncoder {

    private ControlBlockEncoder() {
    }

    /** The bytes a block with a value of this length takes on the wire. */
    public static int blockLength(int valueLength) {
        return ControlBlockReader.HEADER_LENGTH + valueLength;
    }

    public static void put(ByteBuffer out, int type, byte[] value) {
        putHeader(out, type, value.length);
        out.put(value);
    }

    /** A block whose value is {@code value}'s position to limit; {@code value} is not moved. */
    public static void put(ByteBuffer out, int type, ByteBuffer value) {
        putHeader(out, type, value.remaining());
        out.put(value.duplicate());
    }

    public static void putEmpty(ByteBuffer out, int type) {
        putHeader(out, type, 0);
    }

    /** TERM_WIDTH / TERM_HEIGHT: an unsigned 16-bit value, little-endian. */
    public static void putU16LittleEndian(ByteBuffer out, int type, int value) {
        putHeader(out, type, 2);
        out.put((byte) value).put((byte) (value >>> 8));
    }

    private static void putHeader(ByteBuffer out, int type, int length) {
        out.putInt(ControlBlockReader.MAGIC).put((byte) type).putInt(length);
    }
}
