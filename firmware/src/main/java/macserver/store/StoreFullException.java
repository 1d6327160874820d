package macserver.store;

import java.io.IOException;

/** A transaction was refused because it does not fit even after reclaiming space; nothing of it was stored. */
public final class StoreFullException extends IOException {
    public static final String MESSAGE = "not enough space on flash";

    public StoreFullException() {
        super(MESSAGE);
    }
}
