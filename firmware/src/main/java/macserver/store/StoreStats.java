package macserver.store;

/**
 * A snapshot of a store's figures. Byte and operation counts run since mount.
 *
 * @param liveBytes       bytes of records the next checkpoint will write at most (exact just after a checkpoint)
 * @param capacityBytes   the most live data this flash can hold (half the usable space: old and new checkpoint)
 * @param freeBytes       capacity minus live bytes
 * @param bytesProgrammed flash bytes programmed, headers and padding included
 * @param userBytes       key and value bytes the callers stored; bytesProgrammed / userBytes is the write amplification
 * @param tornTails       interrupted writes found at the end of a block at mount (expected after a power cut)
 * @param corruptRecords  damaged records skipped at mount with valid data after them, and lost log blocks
 * @param backgroundCheckpoints the checkpoints (of {@code checkpoints}) that the checkpoint thread wrote, not a commit
 * @param logBytesSinceCheckpoint log bytes written since the last checkpoint: what the next mount replays
 */
public record StoreStats(long liveBytes, long capacityBytes, long freeBytes, long bytesProgrammed, long userBytes,
                         long transactions, long erases, long eraseCountMin, long eraseCountMax, double eraseCountMean,
                         int badBlocks, long corruptRecords, long tornTails, long checkpoints, long backgroundCheckpoints,
                         long mountNanos, long logBytesSinceCheckpoint) {

    public double writeAmplification() {
        return userBytes == 0 ? 0 : (double) bytesProgrammed / userBytes;
    }
}
