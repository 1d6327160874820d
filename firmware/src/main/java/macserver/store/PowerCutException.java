package macserver.store;

import java.io.IOException;

/** Thrown by {@link FaultyFlash} when its simulated power cut happens, and by every call after it. */
public final class PowerCutException extends IOException {
    public PowerCutException(String message) {
        super(message);
    }
}
