package macserver.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Flash emulated in a file: the data area, then one byte per block for the bad-block table.
 * A missing file is created fully erased. A file of the wrong size is refused rather than reshaped,
 * since that would silently lose the configuration in it.
 *
 * <p>Power loss is modelled as the death of this process: writes sit in the OS page cache and
 * survive it. Opened with {@code syncToDisk}, {@link #sync()} also forces them to the disk.
 */
public final class FileFlash extends EmulatedFlash {
    private static final byte BAD = 0;

    private final Path path;
    private final FileChannel channel;
    private final boolean syncToDisk;

    private FileFlash(FlashGeometry geometry, Path path, FileChannel channel, boolean syncToDisk) {
        super(geometry);
        this.path = path;
        this.channel = channel;
        this.syncToDisk = syncToDisk;
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
        try {
            if (fresh || channel.size() == 0) {
                fillErased(channel, expected);
            } else if (channel.size() != expected) {
                throw new FlashException("flash file " + path + " has " + channel.size() + " bytes but geometry " + geometry
                        + " needs " + expected + "; move it away to start with empty flash");
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new FileFlash(geometry, path, channel, syncToDisk);
    }

    private static void fillErased(FileChannel channel, long size) throws IOException {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, ERASED);
        for (long pos = 0; pos < size; pos += chunk.length) {
            int n = (int) Math.min(chunk.length, size - pos);
            writeFully(channel, ByteBuffer.wrap(chunk, 0, n), pos);
        }
        channel.force(true);
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
