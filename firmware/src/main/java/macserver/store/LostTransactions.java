package macserver.store;

import java.util.List;

/**
 * A run of committed transactions that a mount found damaged and left out whole.
 *
 * @param first     the first transaction number of the run, or 0 when the damage also took the
 *                  record that would tell it (the log's start or its checkpoint)
 * @param last      the last transaction number of the run, or 0 when the log ended before any
 *                  intact record told it
 * @param blockSeq  the log block where the damage was found
 * @param offset    the byte offset in that block where the damage (or the run) starts
 * @param keysSeen  keys of the run's records that were still readable, at most {@link #KEYS_KEPT}
 * @param moreKeys  readable keys beyond those listed
 * @param cause     what gave the loss away, in words
 */
public record LostTransactions(long first, long last, long blockSeq, int offset, List<Long> keysSeen, int moreKeys,
                               String cause) {
    public static final int KEYS_KEPT = 64;

    public LostTransactions {
        keysSeen = List.copyOf(keysSeen);
    }

    /** How many transactions the run holds, or -1 if an end of it is unknown. */
    public long count() {
        return first > 0 && last >= first ? last - first + 1 : -1;
    }

    /** The run in words: {@code 7}, {@code 7-9}, {@code up to 41}, {@code from 12}. */
    public String numbers() {
        if (first > 0 && last > 0) {
            return first == last ? Long.toString(first) : first + "-" + last;
        }
        if (last > 0) {
            return "up to " + last;
        }
        return first > 0 ? "from " + first : "unknown";
    }
}
