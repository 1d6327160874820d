package macserver.auth;

import java.security.GeneralSecurityException;

/** Bytes that do not encode a usable EC-SRP5 curve point; the login they came with must fail. */
public final class InvalidPointException extends GeneralSecurityException {

    public InvalidPointException(String message) {
        super(message);
    }
}
