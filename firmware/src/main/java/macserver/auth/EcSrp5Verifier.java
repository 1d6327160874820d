package macserver.auth;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the server keeps to check EC-SRP5 (MAC-Telnet) logins for one user: a 16-byte salt and the
 * validator point V = v·G, where v = SHA-256(salt ‖ SHA-256(user ":" password)). V alone does not
 * let anyone log in; the scalar v would, so it is never kept.
 */
public record EcSrp5Verifier(byte[] salt, EcPoint validator) {

    public static final int SALT_LENGTH = 16;

    public EcSrp5Verifier {
        if (salt == null || salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("EC-SRP5 salt must be " + SALT_LENGTH + " bytes");
        }
        if (validator == null || validator.isInfinity() || !EcSrp5Curve.contains(validator)) {
            throw new IllegalArgumentException("EC-SRP5 validator must be a finite curve point");
        }
        salt = salt.clone();
    }

    /** A verifier with a fresh random salt. The user name is cut at the first '+' (console options). */
    public static EcSrp5Verifier create(String user, char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return create(user, password, salt);
    }

    /** The verifier for a given salt, as a client computes it. */
    public static EcSrp5Verifier create(String user, char[] password, byte[] salt) {
        return fromScalar(salt, secretScalar(user, password, salt));
    }

    /** v = SHA-256(salt ‖ SHA-256(user ":" password)), 32 bytes. Whoever knows it can log in. */
    static byte[] secretScalar(String user, char[] password, byte[] salt) {
        byte[] userAndPassword = userColonPassword(LoginName.parse(user).user(), password);
        try {
            return EcSrp5Encoding.sha256(salt, EcSrp5Encoding.sha256(userAndPassword));
        } finally {
            Arrays.fill(userAndPassword, (byte) 0);
        }
    }

    /**
     * The verifier for a known secret scalar v (32 bytes, big-endian), for importing the hashed
     * lines of a mactelnetd 0.6 users file ({@code user:V-HEX:SALT-HEX}).
     */
    public static EcSrp5Verifier fromScalar(byte[] salt, byte[] secretScalar) {
        if (secretScalar.length != 32) {
            throw new IllegalArgumentException("EC-SRP5 secret scalar must be 32 bytes");
        }
        return new EcSrp5Verifier(salt, EcSrp5Curve.multiply(new BigInteger(1, secretScalar), EcSrp5Curve.G));
    }

    /** Reads a verifier back from its salt and the 33-byte encoding of V. */
    public static EcSrp5Verifier fromEncoded(byte[] salt, byte[] encodedValidator) throws InvalidPointException {
        EcPoint validator = EcSrp5Encoding.decode(encodedValidator);
        if (EcSrp5Curve.hasSmallOrder(validator)) {
            throw new InvalidPointException("validator has small order");
        }
        return new EcSrp5Verifier(salt, validator);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** The 33-byte encoding of V. */
    public byte[] encodedValidator() {
        return EcSrp5Encoding.encode(validator);
    }

    private static byte[] userColonPassword(String user, char[] password) {
        ByteBuffer passwordBytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] userBytes = (user + ":").getBytes(StandardCharsets.UTF_8);
        byte[] joined = new byte[userBytes.length + passwordBytes.remaining()];
        System.arraycopy(userBytes, 0, joined, 0, userBytes.length);
        passwordBytes.get(joined, userBytes.length, passwordBytes.remaining());
        Arrays.fill(passwordBytes.array(), (byte) 0);
        return joined;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcSrp5Verifier other && Arrays.equals(salt, other.salt) && validator.equals(other.validator);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + validator.hashCode();
    }

    @Override
    public String toString() {
        return "EcSrp5Verifier[salt=" + HexFormat.of().formatHex(salt) + "]";
    }
}
