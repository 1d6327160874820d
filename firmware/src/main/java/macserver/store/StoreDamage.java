package macserver.store;

import java.util.List;

/**
 * What a mount found damaged. Power cuts are not damage: the transaction a cut interrupted was
 * never acknowledged and is dropped silently, as the store's guarantees allow.
 *
 * @param lostTransactions    committed transactions left out whole, in log order
 * @param damagedRecords      records that failed their CRC with intact records after them
 * @param missingBlocks       log blocks whose header is unreadable, with everything in them
 * @param lostCheckpointItems items of the checkpoint (the stored state the log starts from) that
 *                            could not be read; -1 if the checkpoint's own end was lost and the
 *                            number is unknown
 */
public record StoreDamage(List<LostTransactions> lostTransactions, long damagedRecords, long missingBlocks,
                          long lostCheckpointItems) {
    public static final StoreDamage NONE = new StoreDamage(List.of(), 0, 0, 0);

    public StoreDamage {
        lostTransactions = List.copyOf(lostTransactions);
    }

    public boolean any() {
        return !lostTransactions.isEmpty() || damagedRecords > 0 || missingBlocks > 0 || lostCheckpointItems != 0;
    }
}
