package macserver.store;

import java.io.IOException;

/** A simulated power cut (the tests' faulty flash throws it, and at every call after it): never taken for wear. */
public final class PowerCutException extends IOException {
    public PowerCutException(String message) {
        super(message);
    }
}
