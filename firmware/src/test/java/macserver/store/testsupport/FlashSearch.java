package macserver.store.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import macserver.store.FlashDevice;

/** Finds bytes on a flash device, so tests can damage exactly the record they mean. */
public final class FlashSearch {
    private FlashSearch() {
    }

    /** The offset of the first occurrence of {@code needle}; fails the test if there is none. */
    public static long find(FlashDevice dev, byte[] needle) throws IOException {
        List<Long> all = findAll(dev, needle);
        if (all.isEmpty()) {
            throw new AssertionError("bytes not found on flash");
        }
        return all.getFirst();
    }

    /** The offsets of every occurrence of {@code needle}, in address order. */
    public static List<Long> findAll(FlashDevice dev, byte[] needle) throws IOException {
        byte[] all = new byte[(int) dev.geometry().totalBytes()];
        dev.read(0, all, 0, all.length);
        List<Long> found = new ArrayList<>();
        for (int i = 0; i + needle.length <= all.length; i++) {
            if (Arrays.equals(all, i, i + needle.length, needle, 0, needle.length)) {
                found.add((long) i);
            }
        }
        return found;
    }
}
