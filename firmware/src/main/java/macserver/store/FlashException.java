package macserver.store;

import java.io.IOException;

/** A flash operation broke the device's rules (unaligned, out of range, page not erased) or the chip reported a failure. */
public class FlashException extends IOException {
    public FlashException(String message) {
        super(message);
    }

    public FlashException(String message, Throwable cause) {
        super(message, cause);
    }
}
