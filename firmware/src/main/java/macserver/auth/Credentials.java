package macserver.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/** TEMPORARY stand-in until the auth branch lands: salted hash only. */
public final class Credentials {
    private final byte[] salt;
    private final byte[] hash;
    private final boolean empty;

    private Credentials(byte[] salt, byte[] hash, boolean empty) {
        this.salt = salt;
        this.hash = hash;
        this.empty = empty;
    }

    public static Credentials forPassword(String user, char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new Credentials(salt, digest(salt, password), password.length == 0);
    }

    private static byte[] digest(byte[] salt, char[] password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            md.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, digest(salt, password));
    }

    public boolean isEmptyPassword() {
        return empty;
    }

    public byte[] encode() {
        byte[] out = new byte[1 + 16 + 32];
        out[0] = (byte) (empty ? 1 : 0);
        System.arraycopy(salt, 0, out, 1, 16);
        System.arraycopy(hash, 0, out, 17, 32);
        return out;
    }

    public static Credentials decode(byte[] b) {
        if (b.length != 49) {
            throw new IllegalArgumentException("bad credentials");
        }
        return new Credentials(Arrays.copyOfRange(b, 1, 17), Arrays.copyOfRange(b, 17, 49), b[0] == 1);
    }
}
