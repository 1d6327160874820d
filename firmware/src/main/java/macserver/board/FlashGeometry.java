package macserver.board;

/**
 * Size and layout of the board's flash: the store erases whole blocks and programs whole pages,
 * so both sizes must divide evenly into what contains them.
 */
public record FlashGeometry(FlashType type, int sizeMib, int eraseBlockBytes, int pageBytes) {
    public FlashGeometry {
        if (type == null) {
            throw new IllegalArgumentException("flash.type must be set");
        }
        if (sizeMib < 1) {
            throw new IllegalArgumentException("flash.size-mib must be at least 1, was " + sizeMib);
        }
        if (pageBytes < 1 || Integer.bitCount(pageBytes) != 1) {
            throw new IllegalArgumentException("flash.page-bytes must be a power of two, was " + pageBytes);
        }
        if (eraseBlockBytes < pageBytes || eraseBlockBytes % pageBytes != 0) {
            throw new IllegalArgumentException("flash.erase-block-bytes (" + eraseBlockBytes
                    + ") must be a whole number of pages of " + pageBytes + " bytes");
        }
        if (sizeBytes(sizeMib) % eraseBlockBytes != 0) {
            throw new IllegalArgumentException("flash.size-mib (" + sizeMib
                    + ") must be a whole number of erase blocks of " + eraseBlockBytes + " bytes");
        }
    }

    public long sizeBytes() {
        return sizeBytes(sizeMib);
    }

    public long eraseBlocks() {
        return sizeBytes() / eraseBlockBytes;
    }

    public int pagesPerEraseBlock() {
        return eraseBlockBytes / pageBytes;
    }

    private static long sizeBytes(int mib) {
        return (long) mib << 20;
    }
}
