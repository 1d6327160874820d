package macserver.auth;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the configuration keeps for one user's password: never the password itself, but a
 * {@link PasswordHash} for logins that receive the password (console, REST, MQTT) and an
 * {@link EcSrp5Verifier} for MAC-Telnet. The EC-SRP5 verifier includes the user name, so a renamed
 * user needs a new password (or new credentials) before MAC-Telnet works again. Immutable.
 *
 * <p><b>Binary form</b> ({@link #encode}), big-endian, version 1:
 * <pre>
 * offset size
 *   0     1   format version (1)
 *   1     1   flags: bit 0 empty password, bit 1 legacy MD5 secret present; other bits 0
 *   2     4   PBKDF2 iterations
 *   6    16   PBKDF2 salt
 *  22    32   PBKDF2-HMAC-SHA256 hash
 *  54    16   EC-SRP5 salt
 *  70    33   EC-SRP5 validator V, 33-byte point encoding
 * 103   1+n   only with flag bit 1: n (1..255), then the n secret bytes
 * </pre>
 */
public final class Credentials {

    public static final int FORMAT_VERSION = 1;
    public static final int MAX_LEGACY_SECRET_LENGTH = 255;

    private static final int FLAG_EMPTY_PASSWORD = 1;
    private static final int FLAG_LEGACY_SECRET = 2;
    private static final int FIXED_LENGTH = 2 + 4 + PasswordHash.SALT_LENGTH + PasswordHash.HASH_LENGTH
            + EcSrp5Verifier.SALT_LENGTH + EcSrp5Encoding.POINT_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PasswordHash passwordHash;
    private final EcSrp5Verifier ecSrp5;
    private final boolean emptyPassword;
    /**
     * Slot for the legacy MD5 login, which needs the password in recoverable form; null (the
     * default) when MD5 logins are not offered for this user. Credentials never interpret these
     * bytes: whoever fills the slot decides how they are protected (the plaintext password must
     * not reach flash) and turns them back into the password for {@link Md5Challenge}.
     */
    private final byte[] legacyMd5Secret;

    private Credentials(PasswordHash passwordHash, EcSrp5Verifier ecSrp5, boolean emptyPassword, byte[] legacyMd5Secret) {
        this.passwordHash = passwordHash;
        this.ecSrp5 = ecSrp5;
        this.emptyPassword = emptyPassword;
        this.legacyMd5Secret = legacyMd5Secret;
    }

    /** New credentials with fresh salts and the default PBKDF2 work. The empty password is allowed. */
    public static Credentials forPassword(String user, char[] password) {
        return forPassword(user, password, PasswordHash.DEFAULT_ITERATIONS, RANDOM);
    }

    public static Credentials forPassword(String user, char[] password, int iterations, SecureRandom random) {
        return new Credentials(
                PasswordHash.create(password, iterations, random),
                EcSrp5Verifier.create(user, password, random),
                password.length == 0,
                null);
    }

    /** True when the password is right (constant-time comparison of slow hashes). */
    public boolean matches(char[] password) {
        return passwordHash.matches(password);
    }

    /** True when these credentials were made for the empty password (the factory admin). */
    public boolean isEmptyPassword() {
        return emptyPassword;
    }

    public PasswordHash passwordHash() {
        return passwordHash;
    }

    /** The verifier to start an {@link EcSrp5ServerLogin} with. */
    public EcSrp5Verifier ecSrp5Verifier() {
        return ecSrp5;
    }

    /** The legacy MD5 slot's bytes (a copy), if filled; see the field's comment. */
    public Optional<byte[]> legacyMd5Secret() {
        return Optional.ofNullable(legacyMd5Secret).map(byte[]::clone);
    }

    /** The same credentials with the legacy MD5 slot set (1..255 bytes) or, with null, emptied. */
    public Credentials withLegacyMd5Secret(byte[] secretOrNull) {
        if (secretOrNull != null && (secretOrNull.length == 0 || secretOrNull.length > MAX_LEGACY_SECRET_LENGTH)) {
            throw new IllegalArgumentException("legacy MD5 secret must be 1 to " + MAX_LEGACY_SECRET_LENGTH + " bytes");
        }
        return new Credentials(passwordHash, ecSrp5, emptyPassword, secretOrNull == null ? null : secretOrNull.clone());
    }

    /** The compact binary form described in the class comment. */
    public byte[] encode() {
        int length = FIXED_LENGTH + (legacyMd5Secret == null ? 0 : 1 + legacyMd5Secret.length);
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put((byte) FORMAT_VERSION);
        out.put((byte) ((emptyPassword ? FLAG_EMPTY_PASSWORD : 0) | (legacyMd5Secret != null ? FLAG_LEGACY_SECRET : 0)));
        out.putInt(passwordHash.iterations());
        out.put(passwordHash.salt());
        out.put(passwordHash.hash());
        out.put(ecSrp5.salt());
        out.put(ecSrp5.encodedValidator());
        if (legacyMd5Secret != null) {
            out.put((byte) legacyMd5Secret.length);
            out.put(legacyMd5Secret);
        }
        return out.array();
    }

    /** Reads {@link #encode}'s form back; anything else fails with a message saying what is wrong. */
    public static Credentials decode(byte[] encoded) throws CredentialsFormatException {
        if (encoded == null || encoded.length == 0) {
            throw new CredentialsFormatException("credentials are empty");
        }
        if (encoded[0] != FORMAT_VERSION) {
            throw new CredentialsFormatException("unknown credentials format version " + (encoded[0] & 0xff));
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        try {
            in.get();
            int flags = in.get() & 0xff;
            if ((flags & ~(FLAG_EMPTY_PASSWORD | FLAG_LEGACY_SECRET)) != 0) {
                throw new CredentialsFormatException("unknown credentials flags " + Integer.toHexString(flags));
            }
            PasswordHash passwordHash = PasswordHash.of(in.getInt(), take(in, PasswordHash.SALT_LENGTH),
                    take(in, PasswordHash.HASH_LENGTH));
            EcSrp5Verifier ecSrp5 = EcSrp5Verifier.fromEncoded(take(in, EcSrp5Verifier.SALT_LENGTH),
                    take(in, EcSrp5Encoding.POINT_LENGTH));
            byte[] legacy = null;
            if ((flags & FLAG_LEGACY_SECRET) != 0) {
                int length = in.get() & 0xff;
                if (length == 0) {
                    throw new CredentialsFormatException("legacy MD5 secret is flagged but empty");
                }
                legacy = take(in, length);
            }
            if (in.hasRemaining()) {
                throw new CredentialsFormatException(in.remaining() + " unexpected bytes after the credentials");
            }
            return new Credentials(passwordHash, ecSrp5, (flags & FLAG_EMPTY_PASSWORD) != 0, legacy);
        } catch (BufferUnderflowException e) {
            throw new CredentialsFormatException("credentials are truncated at " + encoded.length + " bytes", e);
        } catch (IllegalArgumentException e) {
            throw new CredentialsFormatException("impossible credentials value: " + e.getMessage(), e);
        } catch (InvalidPointException e) {
            throw new CredentialsFormatException("bad EC-SRP5 validator: " + e.getMessage(), e);
        }
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return passwordHash.hashCode();
    }

    @Override
    public String toString() {
        return "Credentials[" + passwordHash + ", " + ecSrp5 + (emptyPassword ? ", empty password" : "")
                + (legacyMd5Secret != null ? ", legacy MD5 secret" : "") + "]";
    }
}
