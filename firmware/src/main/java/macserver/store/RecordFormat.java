package macserver.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One log record on flash: {@code magic(1) type(1) length(2) crc32c(4) payload(length)}, big-endian.
 * The CRC covers the first four header bytes and the payload, so a torn or flipped record is never
 * taken for data. Records start anywhere in a page but never in the last {@link #HEADER} - 1 bytes
 * of one, and never span erase blocks.
 */
final class RecordFormat {
    static final int HEADER = 8;
    static final byte MAGIC = (byte) 0xA7;
    static final int MAX_PAYLOAD = 0xFFFF;

    static final int PUT = 1;             // key(8) value(n)
    static final int DELETE = 2;          // key(8)
    static final int BEGIN = 3;           // txn(8)
    static final int COMMIT = 4;          // txn(8) count(4) digest(4); images before the digest end after count
    static final int CHECKPOINT_BEGIN = 5; // checkpoint id(8) covered txn(8)
    static final int CHECKPOINT_END = 6;   // checkpoint id(8) count(8)
    /**
     * A background checkpoint's records go on after transactions that came in between: the PUTs
     * that follow belong to checkpoint {@code id} again, until the next BEGIN or checkpoint marker.
     */
    static final int CHECKPOINT_RESUME = 7; // checkpoint id(8) items so far(8)

    private RecordFormat() {
    }

    static int size(int payloadLength) {
        return HEADER + payloadLength;
    }

    static int putSize(byte[] value) {
        return size(8 + value.length);
    }

    static boolean knownType(int type) {
        return type >= PUT && type <= CHECKPOINT_RESUME;
    }

    /** Writes a record with the payload already placed at {@code at + HEADER}; fills in the header and CRC, and returns the CRC. */
    static int seal(byte[] buf, int at, int type, int payloadLength) {
        buf[at] = MAGIC;
        buf[at + 1] = (byte) type;
        buf[at + 2] = (byte) (payloadLength >>> 8);
        buf[at + 3] = (byte) payloadLength;
        int crc = crc(buf, at, payloadLength);
        ByteBuffer.wrap(buf).putInt(at + 4, crc);
        return crc;
    }

    /** The stored CRC of the record whose payload starts at {@code payloadAt}. */
    static int storedCrc(byte[] buf, int payloadAt) {
        return ByteBuffer.wrap(buf).getInt(payloadAt - HEADER + 4);
    }

    /** The length of the valid record at {@code at}, or -1 if none starts there within {@code end}. */
    static int validLength(byte[] buf, int at, int end) {
        if (at + HEADER > end || buf[at] != MAGIC || !knownType(buf[at + 1])) {
            return -1;
        }
        int payload = ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
        if (at + HEADER + payload > end) {
            return -1;
        }
        int stored = ByteBuffer.wrap(buf).getInt(at + 4);
        return stored == crc(buf, at, payload) ? HEADER + payload : -1;
    }

    private static int crc(byte[] buf, int at, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(buf, at, 4);
        crc.update(buf, at + HEADER, payloadLength);
        return (int) crc.getValue();
    }
}
