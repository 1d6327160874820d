package macserver.store;

import java.io.IOException;
import java.util.Arrays;

/**
 * What the store knows about every erase block: bad or good, its log sequence number (from its
 * header) and its erase count. A block belongs to the log when its sequence number is at least
 * {@link #logStart()}, the block holding the newest complete checkpoint; every other good block is
 * free for reuse. Blocks are reused round-robin, so every block is erased once per lap of the log
 * and wear stays even, static data included: checkpoints rewrite it at the head.
 */
final class BlockTable {
    static final long NO_SEQ = -1;

    private final FlashGeometry geometry;
    private final long[] seq;
    private final long[] erases;
    private final boolean[] bad;
    /** Blocks whose header page is written but unreadable: a damaged header, or a header write a power cut tore. */
    private final boolean[] damagedHeader;
    private long logStart = Long.MAX_VALUE;

    private BlockTable(FlashGeometry geometry) {
        this.geometry = geometry;
        int n = geometry.blockCount();
        this.seq = new long[n];
        this.erases = new long[n];
        this.bad = new boolean[n];
        this.damagedHeader = new boolean[n];
        Arrays.fill(seq, NO_SEQ);
    }

    /** Reads the bad-block marks and every block's header. Blocks without a valid header get the mean erase count. */
    static BlockTable scan(FlashDevice dev) throws IOException {
        FlashGeometry g = dev.geometry();
        BlockTable table = new BlockTable(g);
        byte[] page = new byte[Math.min(g.pageSize(), BlockHeader.MAX_LENGTH)];
        long known = 0;
        long sum = 0;
        boolean[] unknown = new boolean[g.blockCount()];
        for (int b = 0; b < g.blockCount(); b++) {
            if (dev.isBad(b)) {
                table.bad[b] = true;
                continue;
            }
            dev.read(g.blockOffset(b), page, 0, page.length);
            BlockHeader h = BlockHeader.parse(page);
            if (h == null) {
                unknown[b] = true;
                table.damagedHeader[b] = !BlockScanner.erased(page, 0, page.length);
                continue;
            }
            table.seq[b] = h.seq();
            table.erases[b] = h.eraseCount();
            known++;
            sum += h.eraseCount();
        }
        long estimate = known == 0 ? 0 : Math.round((double) sum / known);
        for (int b = 0; b < unknown.length; b++) {
            if (unknown[b]) {
                table.erases[b] = estimate;
            }
        }
        return table;
    }

    /** Whether the block's header page holds something other than a header or erased bytes (as found at scan). */
    boolean hasDamagedHeader(int block) {
        return damagedHeader[block];
    }

    int blockCount() {
        return seq.length;
    }

    long seq(int block) {
        return seq[block];
    }

    long eraseCount(int block) {
        return erases[block];
    }

    boolean isBad(int block) {
        return bad[block];
    }

    void markBad(int block) {
        bad[block] = true;
        seq[block] = NO_SEQ;
    }

    long logStart() {
        return logStart;
    }

    void setLogStart(long firstSeq) {
        logStart = firstSeq;
    }

    boolean inLog(int block) {
        return !bad[block] && seq[block] > 0 && seq[block] >= logStart;
    }

    boolean isFree(int block) {
        return !bad[block] && !inLog(block);
    }

    /** Records the erase of {@code block}; it holds nothing until {@link #opened}. */
    void erased(int block) {
        erases[block]++;
        seq[block] = NO_SEQ;
    }

    void opened(int block, long blockSeq) {
        seq[block] = blockSeq;
    }

    /** The block holding the newest header in the log, or -1 if no block has one. */
    int newest() {
        int best = -1;
        for (int b = 0; b < seq.length; b++) {
            if (!bad[b] && seq[b] > 0 && (best < 0 || seq[b] > seq[best])) {
                best = b;
            }
        }
        return best;
    }

    /** The block whose header carries {@code wanted}, or -1. */
    int blockWithSeq(long wanted) {
        for (int b = 0; b < seq.length; b++) {
            if (!bad[b] && seq[b] == wanted) {
                return b;
            }
        }
        return -1;
    }

    /** The first free block after {@code after} in round-robin order, or -1 if none is free. */
    int nextFree(int after) {
        int n = seq.length;
        for (int i = 1; i <= n; i++) {
            int b = Math.floorMod(after + i, n);
            if (isFree(b)) {
                return b;
            }
        }
        return -1;
    }

    int freeBlocks() {
        int count = 0;
        for (int b = 0; b < seq.length; b++) {
            if (isFree(b)) {
                count++;
            }
        }
        return count;
    }

    int badBlocks() {
        int count = 0;
        for (boolean b : bad) {
            if (b) {
                count++;
            }
        }
        return count;
    }

    /** {min, max, sum} of the erase counts of good blocks. */
    long[] eraseSummary() {
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        for (int b = 0; b < erases.length; b++) {
            if (!bad[b]) {
                min = Math.min(min, erases[b]);
                max = Math.max(max, erases[b]);
                sum += erases[b];
            }
        }
        return new long[] {min == Long.MAX_VALUE ? 0 : min, max, sum};
    }

    FlashGeometry geometry() {
        return geometry;
    }
}
