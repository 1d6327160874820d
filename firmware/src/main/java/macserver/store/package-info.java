/**
 * The power-loss-safe configuration store.
 *
 * <h2>Layers</h2>
 * {@link macserver.store.LogStore} (API, group commit, space) → records ({@code RecordFormat}) →
 * blocks ({@code BlockHeader}, {@code LogWriter}, {@code BlockScanner}) → {@link macserver.store.FlashDevice}
 * ({@link macserver.store.FileFlash}, {@link macserver.store.MtdFlash}; the tests' RamFlash and
 * FaultyFlash). Mount lives in {@code Recovery}, compaction in {@code LogStore}'s
 * checkpoint thread (a slice at a time) and, when space runs out first, in {@code Checkpointer}.
 *
 * <h2>On flash</h2>
 * <ul>
 * <li>Page 0 of every block in use is a text header, {@code mslog:1,seq:…,erase:…,ckseq:…,ckoff:…,crc:…},
 *     so a hex dump explains itself. {@code seq} orders blocks; {@code ckseq}/{@code ckoff} point at the
 *     newest complete checkpoint when the block was opened; {@code erase} carries wear across reboots.</li>
 * <li>The remaining pages hold records {@code A7 type len16 crc32c payload}: PUT, DELETE, BEGIN/COMMIT
 *     around each transaction, CHECKPOINT_BEGIN/END around a snapshot. A snapshot written in the
 *     background is interleaved with the transactions committed meanwhile; CHECKPOINT_RESUME marks
 *     where its records go on after one. A flush ends on a page boundary
 *     and leaves the rest of its last page erased: NAND pages are programmed once.</li>
 * <li>The log is the run of blocks from the newest header's checkpoint block to the newest block.
 *     Every other good block is free and reused round-robin, erased just before use.</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * A transaction is visible after a power cut only if its COMMIT record reached flash, and
 * {@link macserver.store.LogStore#awaitDurable} returns only after that. The COMMIT carries the
 * transaction's record count and a digest of its records' CRCs, so after damage (flipped bits, an
 * overwritten range, a lost block header) a transaction also applies whole or not at all, and each
 * one left out is reported ({@link macserver.store.LogStore#damage}). A checkpoint frees the old
 * log only once a block header pointing at the new checkpoint is on flash. Live data is limited to
 * about half the usable space, since an old and a new checkpoint must fit side by side.
 */
package macserver.store;
