package macserver.store;

import java.util.Arrays;

/** A growable run of encoded records: the batch waiting for the next flush, or a scratch record. */
final class RecordBuffer {
    private byte[] bytes;
    private int length;

    RecordBuffer(int initialCapacity) {
        bytes = new byte[Math.max(64, initialCapacity)];
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    boolean isEmpty() {
        return length == 0;
    }

    void clear() {
        length = 0;
    }

    /** @return the record's CRC, for the transaction's digest */
    int put(long key, byte[] value) {
        int at = open(8 + value.length);
        writeLong(at + RecordFormat.HEADER, key);
        System.arraycopy(value, 0, bytes, at + RecordFormat.HEADER + 8, value.length);
        return close(at, RecordFormat.PUT, 8 + value.length);
    }

    /** @return the record's CRC, for the transaction's digest */
    int delete(long key) {
        int at = open(8);
        writeLong(at + RecordFormat.HEADER, key);
        return close(at, RecordFormat.DELETE, 8);
    }

    /** The COMMIT of transaction {@code txn}: how many records it has and the digest of their CRCs. */
    void commit(long txn, int count, int digest) {
        marker(RecordFormat.COMMIT, txn, ((long) count << 32) | (digest & 0xFFFF_FFFFL), 8);
    }

    /** Appends every record of {@code other}, as they are. */
    void append(RecordBuffer other) {
        if (length + other.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + other.length));
        }
        System.arraycopy(other.bytes, 0, bytes, length, other.length);
        length += other.length;
    }

    /** A record of one or two longs, e.g. BEGIN(txn) or CHECKPOINT_END(id, count). */
    void marker(int type, long first, long second, int secondBytes) {
        int at = open(8 + secondBytes);
        writeLong(at + RecordFormat.HEADER, first);
        for (int i = 0; i < secondBytes; i++) {
            bytes[at + RecordFormat.HEADER + 8 + i] = (byte) (second >>> (8 * (secondBytes - 1 - i)));
        }
        close(at, type, 8 + secondBytes);
    }

    private int open(int payload) {
        if (payload > RecordFormat.MAX_PAYLOAD) {
            throw new IllegalArgumentException("record payload of " + payload + " bytes is too large");
        }
        int need = length + RecordFormat.size(payload);
        if (need > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(need, bytes.length * 2));
        }
        return length;
    }

    private int close(int at, int type, int payload) {
        int crc = RecordFormat.seal(bytes, at, type, payload);
        length = at + RecordFormat.size(payload);
        return crc;
    }

    private void writeLong(int at, long v) {
        for (int i = 0; i < 8; i++) {
            bytes[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    static long readUnsigned(byte[] b, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
