package macserver.mactelnet;

import java.nio.ByteBuffer;

/**
 * Walks the control blocks of a DATA payload the way every reference tool does: while at least
 * 9 bytes remain and the next four are the magic {@code 56 34 12 FF}, read a block (a declared
 * length past the end is cut to what remains); whatever is left then is one chunk of raw terminal
 * bytes ({@link ControlType#PLAINDATA}). Reusable and allocation-free; values stay in the buffer.
 */
public final class ControlBlockReader {

    public static final int MAGIC = 0x563412FF;
    public static final int HEADER_LENGTH = 9;

    private ByteBuffer buf;
    private int position;
    private int end;
    private int type;
    private int valueOffset;
    private int valueLength;
    private boolean cut;

    /** Starts on the payload at absolute {@code offset}, {@code length} bytes long. */
    public ControlBlockReader reset(ByteBuffer buffer, int offset, int length) {
        this.buf = buffer;
        this.position = offset;
        this.end = offset + length;
        this.type = ControlType.PLAINDATA;
        this.valueOffset = offset;
        this.valueLength = 0;
        this.cut = false;
        return this;
    }

    /** Moves to the next block or raw chunk; false when the payload is used up. */
    public boolean next() {
        int remaining = end - position;
        if (remaining <= 0) {
            return false;
        }
        if (remaining >= HEADER_LENGTH && buf.getInt(position) == MAGIC) {
            type = buf.get(position + 4) & 0xFF;
            long declared = buf.getInt(position + 5) & 0xFFFF_FFFFL;
            int available = remaining - HEADER_LENGTH;
            cut = declared > available;
            valueOffset = position + HEADER_LENGTH;
            valueLength = cut ? available : (int) declared;
        } else {
            type = ControlType.PLAINDATA;
            cut = false;
            valueOffset = position;
            valueLength = remaining;
        }
        position = valueOffset + valueLength;
        return true;
    }

    /** The current block's type, or {@link ControlType#PLAINDATA} for raw bytes. */
    public int type() {
        return type;
    }

    /** Absolute index of the current value in the buffer. */
    public int valueOffset() {
        return valueOffset;
    }

    public int valueLength() {
        return valueLength;
    }

    /** Whether the current block declared more bytes than the payload held. */
    public boolean wasCut() {
        return cut;
    }

    /** A copy of the current value, at most {@code max} bytes (for the few values a session keeps). */
    public byte[] copyValue(int max) {
        byte[] value = new byte[Math.min(valueLength, max)];
        buf.get(valueOffset, value);
        return value;
    }

    /** The value as an unsigned 16-bit little-endian number (TERM_WIDTH/HEIGHT), or -1 if shorter than 2 bytes. */
    public int u16LittleEndian() {
        if (valueLength < 2) {
            return -1;
        }
        return (buf.get(valueOffset) & 0xFF) | (buf.get(valueOffset + 1) & 0xFF) << 8;
    }

    /** The raw value bytes as a read-only view (no copy). */
    public ByteBuffer valueView() {
        return buf.slice(valueOffset, valueLength).asReadOnlyBuffer();
    }
}
