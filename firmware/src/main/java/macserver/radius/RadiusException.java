package macserver.radius;

/** An answer that must be dropped: malformed, forged, for another request, or without a required field. */
public final class RadiusException extends Exception {
    public RadiusException(String message) {
        super(message);
    }
}
