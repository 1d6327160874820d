package macserver.store;

/**
 * The arithmetic that decides whether a transaction fits. The store must always keep room to write
 * one more checkpoint of everything live (its size is bounded by the last checkpoint plus every put
 * since), because that checkpoint is what frees the old log. Records never span blocks, so each block
 * is counted as if its last {@code maxRecordLength} bytes were wasted.
 */
final class SpaceBudget {
    private final FlashGeometry geometry;
    private final int maxRecordLength;
    private final int reserveBlocks;

    SpaceBudget(FlashGeometry geometry, int maxRecordLength, int reserveBlocks) {
        this.geometry = geometry;
        this.maxRecordLength = maxRecordLength;
        this.reserveBlocks = reserveBlocks;
        if (usablePerBlock() < maxRecordLength) {
            throw new IllegalArgumentException("records of up to " + maxRecordLength + " bytes are too large for "
                    + geometry.eraseBlockSize() + "-byte erase blocks");
        }
    }

    int maxRecordLength() {
        return maxRecordLength;
    }

    /** Blocks kept out of the free count: spares for blocks that go bad, and for the block rolled to after a checkpoint. */
    int reserveBlocks() {
        return reserveBlocks;
    }

    long usablePerBlock() {
        return geometry.eraseBlockSize() - geometry.pageSize() - maxRecordLength;
    }

    /** Room a flush may waste at most: the rest of its last page. */
    long flushSlack() {
        return geometry.pageSize();
    }

    /** Space beyond the next checkpoint that is kept for the rest of a checkpoint's own layout. */
    long checkpointMargin() {
        return usablePerBlock() + 4L * geometry.pageSize();
    }

    /** Space only removals may use, so that a store refused for being full can still shrink. */
    long removalHeadroom() {
        return usablePerBlock();
    }

    /**
     * @param available       free bytes minus what accepted but unflushed transactions reserved
     * @param cost            what this transaction may take, slack included
     * @param checkpointBound the most the next checkpoint can need once this transaction is in
     */
    boolean fits(long available, long cost, long checkpointBound, boolean removalOnly) {
        long keep = checkpointBound + checkpointMargin() + (removalOnly ? 0 : removalHeadroom());
        return available - cost >= keep;
    }

    /** The capacity that live data can never exceed: it must fit twice, old and new checkpoint. */
    long maxLiveBytes(int goodBlocks) {
        return Math.max(0, (goodBlocks - reserveBlocks) * usablePerBlock() - checkpointMargin() - removalHeadroom()) / 2;
    }
}
