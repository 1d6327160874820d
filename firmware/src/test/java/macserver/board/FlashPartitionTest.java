package macserver.board;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FlashPartitionTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ubi0:macserver, ubifs", "/dev/mtdblock3, jffs2", "/dev/vdb, ext4", "/dev/sda2, vfat"})
    void acceptsWhatRoutersAndVmsMount(String source, String filesystem) {
        FlashPartition partition = new FlashPartition(source, Optional.of(filesystem));

        assertFalse(partition.isNone());
    }

    @Test
    void noneNeedsNoFileSystemAndRefusesOne() {
        assertTrue(new FlashPartition("none", Optional.empty()).isNone());
        var e = assertThrows(IllegalArgumentException.class, () -> new FlashPartition("none", Optional.of("ext4")));
        assertTrue(e.getMessage().contains("no meaning for flash.partition=none"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            mtdblock3      | jffs2  | must be a device under /dev/, a UBI volume
            /dev/mtd 3     | jffs2  | must be a device under /dev/, a UBI volume
            ubi0:          | ubifs  | must be a device under /dev/, a UBI volume
            /dev/vdb       | btrfs  | flash.filesystem 'btrfs' is not one of
            ubi0:macserver | jffs2  | flash.filesystem=ubifs goes with a UBI volume
            /dev/mtdblock3 | ubifs  | flash.filesystem=ubifs goes with a UBI volume
            """)
    void refusesWhatCannotBeMounted(String source, String filesystem, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> new FlashPartition(source, Optional.of(filesystem)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aDeviceWithoutAFileSystemIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FlashPartition("/dev/vdb", Optional.empty()));
        assertTrue(e.getMessage().contains("flash.filesystem is required for flash.partition=/dev/vdb"), e.getMessage());
    }
}
