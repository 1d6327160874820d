package macserver.store;

/**
 * The owner of the live state (the configuration model), which the store lists to write a
 * checkpoint. Every listing must reflect every transaction appended before it and none after: the
 * owner appends a transaction and applies it to its model under its write lock.
 *
 * <p>Two ways: {@link #snapshot} all at once, from inside {@link LogStore#append} when space runs
 * out before a background checkpoint could finish (the owner already holds its write lock there);
 * and {@link #snapshotSlice} a slice at a time for the background checkpoint, inside
 * {@link #holdingWriters}, so that no writer waits for more than one slice.
 */
public interface SnapshotSource {
    /** Lists every live key once with {@link RecordSink#put}. */
    void snapshot(RecordSink out);

    /** Runs {@code body} with the owner's writers held off (its read lock: readers go on). */
    void holdingWriters(Runnable body);

    /**
     * Inside {@link #holdingWriters}: lists the live keys from {@code fromKey} on, in ascending
     * order, at most {@code max} of them.
     *
     * @return the key to go on from in the next slice, or -1 when the listing reached the end
     */
    long snapshotSlice(long fromKey, int max, RecordSink out);
}
