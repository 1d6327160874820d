package macserver.store.testsupport;

import java.io.IOException;
import macserver.store.FlashDevice;

/** Finds bytes on a flash device, so tests can damage exactly the record they mean. */
public final class FlashSearch {
    private FlashSearch() {
    }

    /** The offset of the first occurrence of {@code needle}; fails the test if there is none. */
    public static long find(FlashDevice dev, byte[] needle) throws IOException {
        byte[] all = new byte[(int) dev.geometry().totalBytes()];
        dev.read(0, all, 0, all.length);
        outer:
        for (int i = 0; i + needle.length <= all.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (all[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("bytes not found on flash");
    }
}
