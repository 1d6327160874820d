package macserver.auth;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the password of a user allowed the legacy MD5 MAC-Telnet login (which needs the password
 * itself) with AES-256-GCM under the router's device key, so no plaintext password is on flash.
 * The device key is on the same flash: this keeps passwords out of casual reads, dumps and
 * backups of the configuration, not away from someone who has the whole flash image. That is why
 * MD5 logins are off unless an administrator turns them on per user.
 */
public final class LegacySecretBox {
    public static final int KEY_LENGTH = 32;
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LegacySecretBox() {
    }

    public static byte[] newKey() {
        byte[] key = new byte[KEY_LENGTH];
        RANDOM.nextBytes(key);
        return key;
    }

    public static byte[] seal(byte[] key, byte[] password) {
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = c.doFinal(password);
            byte[] out = Arrays.copyOf(iv, IV_LENGTH + sealed.length);
            System.arraycopy(sealed, 0, out, IV_LENGTH, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The password, or null when the box was not sealed with this key or was damaged. */
    public static byte[] open(byte[] key, byte[] box) {
        if (box == null || box.length < IV_LENGTH + TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, box, 0, IV_LENGTH));
            return c.doFinal(box, IV_LENGTH, box.length - IV_LENGTH);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
