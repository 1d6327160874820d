package macserver.board;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the configuration store's file lives on the board: the flash partition the image's init
 * script mounts at {@code /flash}, and its file system. {@code source} is a device under
 * {@code /dev/} (an MTD block device, a disk), a UBI volume ({@code ubi0:macserver}), or
 * {@code none} (no partition: the store is kept in RAM and lost at power-off).
 */
public record FlashPartition(String source, Optional<String> filesystem) {
    public static final String NONE = "none";

    /** What Linux mounts a router's flash (or a VM's disk) with. */
    public static final Set<String> FILESYSTEMS = Set.of("ubifs", "jffs2", "ext4", "ext2", "vfat");

    private static final Pattern UBI_VOLUME = Pattern.compile("ubi[0-9]+:[A-Za-z0-9_-]+");
    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9_./-]+");

    public FlashPartition {
        if (source == null || filesystem == null) {
            throw new IllegalArgumentException("flash.partition must be set (use 'none' for no partition)");
        }
        if (source.equals(NONE)) {
            if (filesystem.isPresent()) {
                throw new IllegalArgumentException("flash.filesystem has no meaning for flash.partition=none");
            }
        } else {
            boolean ubi = UBI_VOLUME.matcher(source).matches();
            if (!ubi && !DEVICE.matcher(source).matches()) {
                throw new IllegalArgumentException("flash.partition '" + source
                        + "' must be a device under /dev/, a UBI volume like ubi0:macserver, or none");
            }
            String fs = filesystem.orElseThrow(() -> new IllegalArgumentException(
                    "flash.filesystem is required for flash.partition=" + source));
            if (!FILESYSTEMS.contains(fs)) {
                throw new IllegalArgumentException("flash.filesystem '" + fs + "' is not one of "
                        + FILESYSTEMS.stream().sorted().toList());
            }
            // UBIFS only mounts UBI volumes, and a UBI volume only holds UBIFS.
            if (ubi != fs.equals("ubifs")) {
                throw new IllegalArgumentException("flash.filesystem=ubifs goes with a UBI volume (ubiN:name) and only with one, not "
                        + source + " with " + fs);
            }
        }
    }

    public boolean isNone() {
        return source.equals(NONE);
    }
}
