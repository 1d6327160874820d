package macserver.store;

/**
 * Tuning of a {@link LogStore}.
 *
 * @param maxValueSize     largest value a record may carry; must fit several times in an erase block
 * @param reserveBlocks    good blocks kept unused as spares for blocks that go bad; 0 picks 2 % (at least 1)
 * @param replayLimitBytes a checkpoint is also written when the log since the last one exceeds both this
 *                         and the last checkpoint's size, which bounds mount time by the live data
 */
public record StoreOptions(int maxValueSize, int reserveBlocks, long replayLimitBytes) {

    public static StoreOptions defaults() {
        return new StoreOptions(4096, 0, 16L << 20);
    }

    public StoreOptions {
        if (maxValueSize <= 0 || maxValueSize > RecordFormat.MAX_PAYLOAD - 8) {
            throw new IllegalArgumentException("max value size must be 1.." + (RecordFormat.MAX_PAYLOAD - 8) + ": " + maxValueSize);
        }
        if (reserveBlocks < 0 || replayLimitBytes <= 0) {
            throw new IllegalArgumentException("reserve blocks must be >= 0 and the replay limit > 0");
        }
    }

    public StoreOptions withMaxValueSize(int size) {
        return new StoreOptions(size, reserveBlocks, replayLimitBytes);
    }

    public StoreOptions withReserveBlocks(int blocks) {
        return new StoreOptions(maxValueSize, blocks, replayLimitBytes);
    }

    public StoreOptions withReplayLimitBytes(long bytes) {
        return new StoreOptions(maxValueSize, reserveBlocks, bytes);
    }

    int reserveBlocksFor(FlashGeometry geometry) {
        return reserveBlocks > 0 ? reserveBlocks : Math.max(1, geometry.blockCount() / 50);
    }

    int maxRecordLength() {
        return RecordFormat.size(8 + maxValueSize);
    }
}
