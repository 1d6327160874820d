package macserver.store;

/** Receives the stored state: replayed at mount, or listed by the owner for a checkpoint. */
public interface RecordSink {
    void put(long key, byte[] value);

    void delete(long key);
}
