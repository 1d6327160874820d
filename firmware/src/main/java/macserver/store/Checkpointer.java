package macserver.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compaction: writes the owner's live state at the head of the log, then makes it the log's new base,
 * which frees every older block. The old blocks stay untouched until the new base is on flash, so the
 * live data is never only in RAM. Static data moves with every checkpoint, which keeps wear even.
 */
final class Checkpointer {
    private Checkpointer() {
    }

    /** @return bytes of the PUT records written: the exact size of the live state */
    static long write(LogWriter writer, SnapshotSource source, long id, long coveredTxn) throws IOException {
        RecordBuffer scratch = new RecordBuffer(256);
        scratch.marker(RecordFormat.CHECKPOINT_BEGIN, id, coveredTxn, 8);
        LogWriter.Position start = writer.place(scratch.bytes(), 0, scratch.length());
        long[] countAndBytes = new long[2];
        try {
            source.snapshot(new RecordSink() {
                @Override
                public void put(long key, byte[] value) {
                    scratch.clear();
                    scratch.put(key, value);
                    try {
                        writer.place(scratch.bytes(), 0, scratch.length());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    countAndBytes[0]++;
                    countAndBytes[1] += scratch.length();
                }

                @Override
                public void delete(long key) {
                    throw new IllegalStateException("a snapshot lists live records only");
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        scratch.clear();
        scratch.marker(RecordFormat.CHECKPOINT_END, id, countAndBytes[0], 8);
        writer.place(scratch.bytes(), 0, scratch.length());
        writer.commitCheckpoint(start);
        return countAndBytes[1];
    }
}
