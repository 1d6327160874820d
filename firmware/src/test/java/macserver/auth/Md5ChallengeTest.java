package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Md5ChallengeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] SECRET = "secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void responseMatchesVector() {
        assertEquals("00925d25da4b1ffe731237818c4e1fcd57", HEX.formatHex(Md5Challenge.withSalt(SALT).expectedResponse(SECRET)));
    }

    @Test
    void verifyAcceptsTheRightResponseOnly() {
        Md5Challenge challenge = Md5Challenge.withSalt(SALT);
        byte[] response = HEX.parseHex("00925d25da4b1ffe731237818c4e1fcd57");
        assertTrue(challenge.verify(SECRET, response));
        assertFalse(challenge.verify("secreT".getBytes(StandardCharsets.UTF_8), response));
        byte[] flipped = response.clone();
        flipped[16] ^= 1;
        assertFalse(challenge.verify(SECRET, flipped));
        assertFalse(challenge.verify(SECRET, Arrays.copyOf(response, 16)));
        assertFalse(challenge.verify(SECRET, null));
    }

    @Test
    void passwordsAreCutAt82Bytes() {
        Md5Challenge challenge = Md5Challenge.withSalt(SALT);
        byte[] long82 = new byte[82];
        Arrays.fill(long82, (byte) 'a');
        byte[] long90 = Arrays.copyOf(long82, 90);
        Arrays.fill(long90, 82, 90, (byte) 'b');
        byte[] short81 = Arrays.copyOf(long82, 81);
        assertArrayEquals(challenge.expectedResponse(long82), challenge.expectedResponse(long90));
        assertFalse(Arrays.equals(challenge.expectedResponse(long82), challenge.expectedResponse(short81)));
    }

    @Test
    void randomSaltsAreFreshAndStable() {
        SecureRandom random = new SecureRandom();
        Md5Challenge first = Md5Challenge.create(random);
        Md5Challenge second = Md5Challenge.create(random);
        assertEquals(Md5Challenge.SALT_LENGTH, first.salt().length);
        assertArrayEquals(first.salt(), first.salt());
        assertNotEquals(HEX.formatHex(first.salt()), HEX.formatHex(second.salt()));
        assertFalse(Arrays.equals(first.expectedResponse(SECRET), second.expectedResponse(SECRET)));
    }

    @Test
    void saltMustBe16Bytes() {
        assertThrows(IllegalArgumentException.class, () -> Md5Challenge.withSalt(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> Md5Challenge.withSalt(new byte[17]));
    }

    @Test
    void saltCannotBeChangedFromOutside() {
        byte[] salt = SALT.clone();
        Md5Challenge challenge = Md5Challenge.withSalt(salt);
        salt[0] = 1;
        challenge.salt()[1] = 9;
        assertArrayEquals(SALT, challenge.salt());
    }
}
