package macserver.fleet;

/** A fleet message this router cannot take whole: it is counted, logged and ignored. */
public final class FleetFormatException extends Exception {
    public FleetFormatException(String message) {
        super(message);
    }
}
