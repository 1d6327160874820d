package macserver.auth;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The legacy MD5 MAC-Telnet login (0.4.4 clients, or 0.6.x with {@code -o}): the server sends a
 * 16-byte salt, the client answers 00 ‖ MD5(00 ‖ password ‖ salt). It needs the plaintext password
 * on the server side, so it only works where such a secret is kept. One instance per session: a
 * repeated BEGINAUTH gets the same salt again.
 */
public final class Md5Challenge {

    public static final int SALT_LENGTH = 16;
    public static final int RESPONSE_LENGTH = 17;
    /** Both reference tools hash at most this many password bytes; longer ones are cut the same way. */
    public static final int MAX_PASSWORD_BYTES = 82;

    private final byte[] salt;

    private Md5Challenge(byte[] salt) {
        this.salt = salt;
    }

    /** A challenge with a fresh random salt. */
    public static Md5Challenge create(SecureRandom random) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return new Md5Challenge(salt);
    }

    /** A challenge with a given salt (16 bytes). */
    public static Md5Challenge withSalt(byte[] salt) {
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("MD5 salt must be " + SALT_LENGTH + " bytes");
        }
        return new Md5Challenge(salt.clone());
    }

    /** The 16 bytes to send as the server's PASSSALT value. */
    public byte[] salt() {
        return salt.clone();
    }

    /** The 17-byte PASSWORD value a client that knows this password sends. */
    public byte[] expectedResponse(byte[] password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) 0);
            md5.update(password, 0, Math.min(password.length, MAX_PASSWORD_BYTES));
            md5.update(salt);
            byte[] response = new byte[RESPONSE_LENGTH];
            md5.digest(response, 1, RESPONSE_LENGTH - 1);
            return response;
        } catch (NoSuchAlgorithmException | DigestException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }

    /** Checks the client's PASSWORD value in constant time; any length but 17 fails. */
    public boolean verify(byte[] password, byte[] response) {
        byte[] expected = expectedResponse(password);
        try {
            return MessageDigest.isEqual(expected, response);
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }
}
