package macserver.store.testsupport;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import macserver.store.LogStore;
import macserver.store.RecordSink;
import macserver.store.SnapshotSource;
import macserver.store.StoreRecord;

/** The configuration model in miniature: a map behind a read-write lock, used the way the store's contract asks. */
public final class FakeOwner implements RecordSink, SnapshotSource {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<Long, byte[]> state = new TreeMap<>();

    @Override
    public void put(long key, byte[] value) {
        state.put(key, value);
    }

    @Override
    public void delete(long key) {
        state.remove(key);
    }

    @Override
    public void holdingWriters(Runnable body) {
        lock.readLock().lock();
        try {
            body.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long snapshotSlice(long fromKey, int max, RecordSink out) {
        int listed = 0;
        for (var e : state.tailMap(fromKey, true).entrySet()) {
            if (listed == max) {
                return e.getKey();
            }
            out.put(e.getKey(), e.getValue());
            listed++;
        }
        return -1;
    }

    @Override
    public void snapshot(RecordSink out) {
        lock.readLock().lock();
        try {
            state.forEach(out::put);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Appends under the write lock and applies; returns the ticket without waiting for flash. */
    public long append(LogStore store, List<StoreRecord> txn) throws IOException {
        lock.writeLock().lock();
        try {
            long ticket = store.append(txn);
            apply(state, txn);
            return ticket;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** One command: append, apply, then wait until durable, as the CLI does before printing its result. */
    public void commit(LogStore store, List<StoreRecord> txn) throws IOException {
        store.awaitDurable(append(store, txn));
    }

    public int size() {
        lock.readLock().lock();
        try {
            return state.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public Map<Long, byte[]> copy() {
        lock.readLock().lock();
        try {
            return new TreeMap<>(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    public static void apply(Map<Long, byte[]> map, List<StoreRecord> txn) {
        for (StoreRecord r : txn) {
            if (r.isDelete()) {
                map.remove(r.key());
            } else {
                map.put(r.key(), r.value());
            }
        }
    }

    /** Maps compared by content, since byte arrays compare by identity. */
    public static boolean same(Map<Long, byte[]> a, Map<Long, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<Long, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    public static String describe(Map<Long, byte[]> map) {
        StringBuilder sb = new StringBuilder("{");
        map.forEach((k, v) -> sb.append(k).append('=').append(v.length).append("B,"));
        return sb.append('}').toString();
    }
}
