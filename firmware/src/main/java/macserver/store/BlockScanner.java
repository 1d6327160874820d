package macserver.store;

/**
 * Walks the records of one block image. An erased rest of a page means the writer moved on to the
 * next page (a flush ends on a page boundary); a record that fails its CRC is skipped by searching
 * forward for the next one that verifies. If none does, the damage is a torn tail from a power cut
 * rather than a flipped bit inside the log, and it is reported as such.
 */
final class BlockScanner {

    interface Visitor {
        void record(int type, byte[] block, int payloadAt, int payloadLength);

        /** A damaged record followed by good ones in the same block: a bit flip, or a tear that later writes passed. */
        void corrupt(int offset);

        /** Damage with nothing valid after it in the block: the write a power cut interrupted. */
        void tornTail(int offset);
    }

    private final int pageSize;

    BlockScanner(int pageSize) {
        this.pageSize = pageSize;
    }

    void scan(byte[] block, int from, Visitor visitor) {
        int end = block.length;
        int pos = from;
        while (pos + RecordFormat.HEADER <= end) {
            int pageRest = pageSize - pos % pageSize;
            if (pageRest < RecordFormat.HEADER || erased(block, pos, pos + pageRest)) {
                pos += pageRest;
                continue;
            }
            int length = RecordFormat.validLength(block, pos, end);
            if (length > 0) {
                visitor.record(block[pos + 1], block, pos + RecordFormat.HEADER, length - RecordFormat.HEADER);
                pos += length;
                continue;
            }
            int next = nextValid(block, pos + 1, end);
            if (next < 0) {
                visitor.tornTail(pos);
                return;
            }
            visitor.corrupt(pos);
            pos = next;
        }
    }

    private static int nextValid(byte[] block, int from, int end) {
        for (int p = from; p + RecordFormat.HEADER <= end; p++) {
            if (block[p] == RecordFormat.MAGIC && RecordFormat.validLength(block, p, end) > 0) {
                return p;
            }
        }
        return -1;
    }

    static boolean erased(byte[] block, int from, int to) {
        for (int i = from; i < to; i++) {
            if (block[i] != FlashDevice.ERASED) {
                return false;
            }
        }
        return true;
    }
}
