package macserver.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A slow salted password hash (PBKDF2-HMAC-SHA256, 16-byte salt, 32-byte result) for the logins
 * that receive the password itself: serial console, REST, MQTT. Unlike the EC-SRP5 verifier it does
 * not involve the user name, so renaming a user keeps it valid. Immutable.
 */
public final class PasswordHash {

    public static final int DEFAULT_ITERATIONS = 20_000;
    /** Bounds that also keep a corrupted stored value from stalling a login for minutes. */
    public static final int MIN_ITERATIONS = 1_000;
    public static final int MAX_ITERATIONS = 10_000_000;
    public static final int SALT_LENGTH = 16;
    public static final int HASH_LENGTH = 32;

    private static volatile Pbkdf2 pbkdf2 = Pbkdf2.JDK;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a password with a fresh salt and {@link #DEFAULT_ITERATIONS}. */
    public static PasswordHash create(char[] password) {
        return create(password, DEFAULT_ITERATIONS, new SecureRandom());
    }

    public static PasswordHash create(char[] password, int iterations, SecureRandom random) {
        checkIterations(iterations);
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** A stored hash read back; throws IllegalArgumentException for sizes or counts out of range. */
    public static PasswordHash of(int iterations, byte[] salt, byte[] hash) {
        checkIterations(iterations);
        if (salt.length != SALT_LENGTH || hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("password hash needs a " + SALT_LENGTH + "-byte salt and a "
                    + HASH_LENGTH + "-byte hash");
        }
        return new PasswordHash(iterations, salt.clone(), hash.clone());
    }

    /** True when the password hashes to the stored value; the comparison is constant-time. */
    public boolean matches(char[] password) {
        byte[] candidate = derive(password, salt, iterations);
        try {
            return MessageDigest.isEqual(candidate, hash);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    public int iterations() {
        return iterations;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] hash() {
        return hash.clone();
    }

    private static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be between " + MIN_ITERATIONS + " and "
                    + MAX_ITERATIONS + ", got " + iterations);
        }
    }

    /**
     * Makes every later hash use {@code implementation}: the firmware calls this once at boot
     * when its board names a C library for PBKDF2 (a VM that only interprets).
     */
    public static void use(Pbkdf2 implementation) {
        pbkdf2 = Objects.requireNonNull(implementation);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        return pbkdf2.derive(password, salt, iterations, HASH_LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash other && iterations == other.iterations
                && Arrays.equals(salt, other.salt) && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + iterations;
    }

    @Override
    public String toString() {
        return "PasswordHash[pbkdf2-sha256, iterations=" + iterations + ", salt=" + HexFormat.of().formatHex(salt) + "]";
    }
}
