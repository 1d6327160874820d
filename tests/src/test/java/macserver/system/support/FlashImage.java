package macserver.system.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The host board's flash file (64 MiB of 128 KiB erase blocks, 2 KiB pages, then one bad-block
 * byte per block), read and damaged from outside the firmware as an attacker or a failing disk would.
 */
public final class FlashImage {
    public static final int BLOCK = 128 * 1024;
    public static final int PAGE = 2048;
    public static final long SIZE = 64L * 1024 * 1024 + 512;

    private final Path file;

    public FlashImage(Path file) {
        this.file = file;
    }

    /** The byte offset of the erase block whose header carries log sequence {@code seq}. */
    public long logBlock(long seq) throws IOException {
        String wanted = "mslog:1,seq:" + Long.toHexString(seq) + ",";
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] head = new byte[wanted.length()];
            for (long at = 0; at + BLOCK <= f.length(); at += BLOCK) {
                f.seek(at);
                f.readFully(head);
                if (new String(head, StandardCharsets.US_ASCII).equals(wanted)) {
                    return at;
                }
            }
        }
        throw new AssertionError("no log block with sequence " + seq + " in " + file);
    }

    /** Overwrites {@code length} bytes at {@code offset} with random ones (each differs from what was there). */
    public void randomize(long offset, int length, long seed) throws IOException {
        Random rng = new Random(seed);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] bytes = new byte[length];
            f.seek(offset);
            f.readFully(bytes);
            for (int i = 0; i < length; i++) {
                bytes[i] ^= (byte) (1 + rng.nextInt(255));
            }
            f.seek(offset);
            f.write(bytes);
        }
    }

    public void flipBit(long offset, int bit) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ (1 << bit));
        }
    }

    public void truncate(long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    /** Offsets of every occurrence of {@code needle}, in file order. */
    public List<Long> findAll(byte[] needle) throws IOException {
        List<Long> found = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] block = new byte[BLOCK];
            for (long at = 0; at + BLOCK <= f.length(); at += BLOCK) {
                f.seek(at);
                f.readFully(block);
                outer:
                for (int i = 0; i + needle.length <= block.length; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (block[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    found.add(at + i);
                }
            }
        }
        return found;
    }
}
