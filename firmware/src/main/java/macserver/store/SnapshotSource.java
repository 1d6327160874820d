package macserver.store;

/**
 * The owner of the live state (the configuration model). The store calls it to write a checkpoint,
 * from inside {@link LogStore#append}, so the owner already holds its write lock and no other
 * append runs. It must list every live key once with {@link RecordSink#put}, and must reflect every
 * transaction appended before the current one and none after: the owner appends a transaction
 * before it applies it to its model.
 */
public interface SnapshotSource {
    void snapshot(RecordSink out);
}
