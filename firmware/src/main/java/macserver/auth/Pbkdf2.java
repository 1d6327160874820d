package macserver.auth;

import java.security.GeneralSecurityException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018) over a password given as chars, fed in as UTF-8 as the JDK does.
 * The JDK's runs everywhere; on a VM that only interprets (Zero on MIPS) its 20,000 rounds take
 * minutes, so such a board names a C library that computes the same bytes ({@link NettlePbkdf2}).
 */
public interface Pbkdf2 {

    /** The JDK's own implementation. */
    Pbkdf2 JDK = (password, salt, iterations, length) -> {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    };

    /** {@code length} bytes derived from the password and salt with {@code iterations} rounds. */
    byte[] derive(char[] password, byte[] salt, int iterations, int length);
}
