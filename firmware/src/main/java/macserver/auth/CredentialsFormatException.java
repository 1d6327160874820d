package macserver.auth;

/** Stored credential bytes that cannot be read: unknown version, wrong length or impossible values. */
public final class CredentialsFormatException extends Exception {

    public CredentialsFormatException(String message) {
        super(message);
    }

    public CredentialsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
