package macserver.store;

/**
 * The shape of a flash device: programs happen in whole pages, erases in whole blocks.
 *
 * @param pageSize       smallest programmable unit in bytes
 * @param eraseBlockSize smallest erasable unit in bytes, a multiple of the page size
 * @param blockCount     number of erase blocks
 */
public record FlashGeometry(int pageSize, int eraseBlockSize, int blockCount) {

    /** 2 KiB pages, 128 KiB erase blocks: the common SLC NAND shape on RouterBOARDs. */
    public static FlashGeometry nand(long totalBytes) {
        int block = 128 * 1024;
        if (totalBytes % block != 0 || totalBytes <= 0) {
            throw new IllegalArgumentException("flash size must be a positive multiple of 128 KiB: " + totalBytes);
        }
        return new FlashGeometry(2048, block, Math.toIntExact(totalBytes / block));
    }

    public FlashGeometry {
        if (pageSize <= 0 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two: " + pageSize);
        }
        if (eraseBlockSize < pageSize || eraseBlockSize % pageSize != 0) {
            throw new IllegalArgumentException("erase block size must be a multiple of the page size: " + eraseBlockSize);
        }
        if (blockCount <= 0) {
            throw new IllegalArgumentException("block count must be positive: " + blockCount);
        }
    }

    public int pagesPerBlock() {
        return eraseBlockSize / pageSize;
    }

    public long totalBytes() {
        return (long) eraseBlockSize * blockCount;
    }

    public long blockOffset(int block) {
        return (long) block * eraseBlockSize;
    }

    public int blockOf(long offset) {
        return (int) (offset / eraseBlockSize);
    }
}
