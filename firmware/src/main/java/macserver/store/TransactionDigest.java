package macserver.store;

import java.util.zip.CRC32C;

/**
 * The digest a COMMIT carries: a CRC-32C over the CRCs of the transaction's records, in order.
 * Each record's own CRC already vouches for its bytes, so this only has to tie the records to
 * their transaction: at mount, a record lost to damage, or one that surfaces from elsewhere, makes
 * the digest differ and the transaction is left out whole instead of applied in part.
 */
final class TransactionDigest {
    private final CRC32C crc = new CRC32C();

    void add(int recordCrc) {
        crc.update(recordCrc >>> 24);
        crc.update(recordCrc >>> 16);
        crc.update(recordCrc >>> 8);
        crc.update(recordCrc);
    }

    int value() {
        return (int) crc.getValue();
    }

    void reset() {
        crc.reset();
    }
}
