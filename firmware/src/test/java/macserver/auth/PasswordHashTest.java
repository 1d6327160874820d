package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private static final int FAST = PasswordHash.MIN_ITERATIONS;
    private final SecureRandom random = new SecureRandom();

    /** The first (and only needed) PBKDF2-HMAC-SHA256 block, written out from RFC 8018 for comparison. */
    private static byte[] pbkdf2Block(byte[] password, byte[] salt, int iterations) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password, "HmacSHA256")); // non-empty: SecretKeySpec refuses empty keys
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    @Test
    void isPbkdf2HmacSha256OverUtf8() throws Exception {
        byte[] salt = new byte[PasswordHash.SALT_LENGTH];
        random.nextBytes(salt);
        String password = "pässwörd";
        byte[] expected = pbkdf2Block(password.getBytes(StandardCharsets.UTF_8), salt, FAST);
        PasswordHash stored = PasswordHash.of(FAST, salt, expected);
        assertTrue(stored.matches(password.toCharArray()));
        assertFalse(stored.matches("passwörd".toCharArray()));
    }

    @Test
    void rightPasswordMatchesWrongOnesDoNot() {
        PasswordHash hash = PasswordHash.create("secret".toCharArray(), FAST, random);
        assertTrue(hash.matches("secret".toCharArray()));
        assertFalse(hash.matches("Secret".toCharArray()));
        assertFalse(hash.matches("secret ".toCharArray()));
        assertFalse(hash.matches(new char[0]));
    }

    @Test
    void emptyPasswordWorks() {
        PasswordHash hash = PasswordHash.create(new char[0], FAST, random);
        assertTrue(hash.matches(new char[0]));
        assertFalse(hash.matches("x".toCharArray()));
    }

    @Test
    void samePasswordGetsDifferentSaltsAndHashes() {
        PasswordHash first = PasswordHash.create("secret".toCharArray(), FAST, random);
        PasswordHash second = PasswordHash.create("secret".toCharArray(), FAST, random);
        assertFalse(Arrays.equals(first.salt(), second.salt()));
        assertFalse(Arrays.equals(first.hash(), second.hash()));
    }

    @Test
    void defaultUsesTwentyThousandIterations() {
        PasswordHash hash = PasswordHash.create("secret".toCharArray());
        assertEquals(20_000, hash.iterations());
        assertTrue(hash.matches("secret".toCharArray()));
    }

    @Test
    void storedPartsRoundTrip() {
        PasswordHash hash = PasswordHash.create("secret".toCharArray(), FAST + 1, random);
        PasswordHash back = PasswordHash.of(hash.iterations(), hash.salt(), hash.hash());
        assertEquals(hash, back);
        assertEquals(FAST + 1, back.iterations());
        assertTrue(back.matches("secret".toCharArray()));
    }

    @Test
    void outOfRangeValuesAreRefused() {
        byte[] salt = new byte[16];
        byte[] hash = new byte[32];
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of(FAST - 1, salt, hash));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of(PasswordHash.MAX_ITERATIONS + 1, salt, hash));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of(FAST, new byte[15], hash));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of(FAST, salt, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.create("x".toCharArray(), 0, random));
    }

    @Test
    void arraysCannotBeChangedFromOutside() {
        PasswordHash hash = PasswordHash.create("secret".toCharArray(), FAST, random);
        hash.salt()[0] ^= 1;
        hash.hash()[0] ^= 1;
        assertTrue(hash.matches("secret".toCharArray()));
    }
}
