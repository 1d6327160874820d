package macserver.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Flash emulated in a file: the data area, then one byte per block for the bad-block table.
 * A missing file is created fully erased. A file that is too short (cut off by a full disk or a
 * copy that stopped) is extended with erased bytes: the intact prefix mounts, what is missing reads
 * as erased flash, and {@link #missingBytes()} says how much that was. A file that is too long is
 * refused rather than reshaped: it was made for another geometry, and reading it as this one
 * would mistake its contents.
 *
 * <p>Power loss is modelled as the death of this process: writes sit in the OS page cache and
 * survive it. Opened with {@code syncToDisk}, {@link #sync()} also forces them to the disk.
 */
public final class FileFlash extends EmulatedFlash {
    private static final Logger LOG = Logger.getLogger("macserver.store");
    private static final byte BAD = 0;

    private final Path path;
    private final FileChannel channel;
    private final boolean syncToDisk;
    private final long missingBytes;

    private FileFlash(FlashGeometry geometry, Path path, FileChannel channel, boolean syncToDisk, long missingBytes) {
        super(geometry);
        this.path = path;
        this.channel = channel;
        this.syncToDisk = syncToDisk;
        this.missingBytes = missingBytes;
    }

    public static FileFlash open(Path path, FlashGeometry geometry) throws IOException {
        return open(path, geometry, false);
    }

    public static FileFlash open(Path path, FlashGeometry geometry, boolean syncToDisk) throws IOException {
        long expected = geometry.totalBytes() + geometry.blockCount();
        boolean fresh = !Files.exists(path);
        if (fresh && path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long missing = 0;
        try {
            long size = channel.size();
            if (fresh || size == 0) {
                fillErased(channel, 0, expected);
            } else if (size > expected) {
                throw new FlashException("flash file " + path + " has " + size + " bytes but geometry " + geometry
                        + " needs " + expected + "; move it away to start with empty flash");
            } else if (size < expected) {
                missing = expected - size;
                LOG.log(Level.SEVERE, "flash file {0} is cut short: {1} of its {2} bytes are missing (from offset {3}, erase"
                        + " block {4} on) and are treated as erased flash", new Object[] {path, missing, expected, size, size >= geometry.totalBytes() ? "none: only bad-block marks" : Integer.toString(geometry.blockOf(size))});
                fillErased(channel, size, expected);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new FileFlash(geometry, path, channel, syncToDisk, missing);
    }

    private static void fillErased(FileChannel channel, long from, long to) throws IOException {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, ERASED);
        for (long pos = from; pos < to; pos += chunk.length) {
            int n = (int) Math.min(chunk.length, to - pos);
            writeFully(channel, ByteBuffer.wrap(chunk, 0, n), pos);
        }
        channel.force(true);
    }

    /** Bytes the file lacked when it was opened, now erased; 0 for a file of the right size. */
    public long missingBytes() {
        return missingBytes;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    protected void readRaw(long offset, byte[] dst, int dstOff, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(dst, dstOff, len);
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new FlashException("flash file " + path + " is shorter than its geometry");
            }
            pos += n;
        }
    }

    @Override
    protected void writeRaw(long offset, byte[] src, int srcOff, int len) throws IOException {
        writeFully(channel, ByteBuffer.wrap(src, srcOff, len), offset);
    }

    @Override
    protected boolean badFlag(int block) throws IOException {
        byte[] flag = new byte[1];
        readRaw(geometry().totalBytes() + block, flag, 0, 1);
        return flag[0] == BAD;
    }

    @Override
    protected void setBadFlag(int block) throws IOException {
        writeRaw(geometry().totalBytes() + block, new byte[] {BAD}, 0, 1);
    }

    @Override
    public void sync() throws IOException {
        if (syncToDisk) {
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
