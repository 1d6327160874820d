package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EcSrp5VerifierTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final String ADMIN_V = "865486414f27943b1e7bdd6a234356c98f01ce4492b447410faaab95bb28a20f";

    @Test
    void secretScalarMatchesVector() {
        assertEquals(ADMIN_V, HEX.formatHex(EcSrp5Verifier.secretScalar("admin", "secret".toCharArray(), SALT)));
    }

    @Test
    void validatorIsTheSecretScalarTimesG() {
        EcSrp5Verifier verifier = EcSrp5Verifier.create("admin", "secret".toCharArray(), SALT);
        assertEquals(EcSrp5Curve.multiply(new BigInteger(ADMIN_V, 16), EcSrp5Curve.G), verifier.validator());
        assertArrayEquals(SALT, verifier.salt());
    }

    @Test
    void usersFileLineImportsToTheSameVerifier() {
        // mactelnetd 0.6: admin:865486414F27943B...:000102030405060708090A0B0C0D0E0F
        EcSrp5Verifier imported = EcSrp5Verifier.fromScalar(SALT, HEX.parseHex(ADMIN_V));
        assertEquals(EcSrp5Verifier.create("admin", "secret".toCharArray(), SALT), imported);
        assertThrows(IllegalArgumentException.class, () -> EcSrp5Verifier.fromScalar(SALT, new byte[31]));
    }

    @Test
    void consoleOptionsAfterPlusAreNotPartOfTheName() {
        EcSrp5Verifier plain = EcSrp5Verifier.create("admin", "secret".toCharArray(), SALT);
        assertEquals(plain, EcSrp5Verifier.create("admin+c80w", "secret".toCharArray(), SALT));
        assertNotEquals(plain, EcSrp5Verifier.create("admin2", "secret".toCharArray(), SALT));
    }

    @Test
    void saltPasswordAndNameAllMatter() {
        EcSrp5Verifier base = EcSrp5Verifier.create("admin", "secret".toCharArray(), SALT);
        byte[] otherSalt = SALT.clone();
        otherSalt[15] ^= 1;
        assertNotEquals(base, EcSrp5Verifier.create("admin", "secret".toCharArray(), otherSalt));
        assertNotEquals(base, EcSrp5Verifier.create("admin", "secreT".toCharArray(), SALT));
        assertNotEquals(base, EcSrp5Verifier.create("Admin", "secret".toCharArray(), SALT));
    }

    @Test
    void emptyPasswordGivesAValidVerifier() {
        EcSrp5Verifier empty = EcSrp5Verifier.create("admin", new char[0], SALT);
        assertTrue(EcSrp5Curve.contains(empty.validator()));
        assertFalse(EcSrp5Curve.hasSmallOrder(empty.validator()));
        // SHA-256(salt ‖ SHA-256("admin:")) worked out here by hand.
        byte[] expectedScalar = EcSrp5Encoding.sha256(SALT, EcSrp5Encoding.sha256("admin:".getBytes(StandardCharsets.UTF_8)));
        assertEquals(EcSrp5Verifier.fromScalar(SALT, expectedScalar), empty);
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        byte[] expectedScalar = EcSrp5Encoding.sha256(SALT,
                EcSrp5Encoding.sha256("admin:pässwörd".getBytes(StandardCharsets.UTF_8)));
        assertEquals(EcSrp5Verifier.fromScalar(SALT, expectedScalar),
                EcSrp5Verifier.create("admin", "pässwörd".toCharArray(), SALT));
    }

    @Test
    void randomSaltsDiffer() {
        SecureRandom random = new SecureRandom();
        EcSrp5Verifier first = EcSrp5Verifier.create("admin", "secret".toCharArray(), random);
        EcSrp5Verifier second = EcSrp5Verifier.create("admin", "secret".toCharArray(), random);
        assertFalse(Arrays.equals(first.salt(), second.salt()));
        assertNotEquals(first.validator(), second.validator());
    }

    @Test
    void encodedFormRoundTrips() throws Exception {
        EcSrp5Verifier verifier = EcSrp5Verifier.create("admin", "secret".toCharArray(), SALT);
        assertEquals(verifier, EcSrp5Verifier.fromEncoded(verifier.salt(), verifier.encodedValidator()));
    }

    @Test
    void encodedFormRejectsBadAndSmallOrderPoints() {
        byte[] orderTwo = new byte[33];
        assertThrows(InvalidPointException.class, () -> EcSrp5Verifier.fromEncoded(SALT, orderTwo));
        byte[] noSuchPoint = new byte[33];
        noSuchPoint[32] = 1; // Montgomery x = 0 has only y = 0, which is even
        assertThrows(InvalidPointException.class, () -> EcSrp5Verifier.fromEncoded(SALT, noSuchPoint));
    }

    @Test
    void constructorChecksItsParts() {
        EcPoint g = EcSrp5Curve.G;
        assertThrows(IllegalArgumentException.class, () -> new EcSrp5Verifier(new byte[15], g));
        assertThrows(IllegalArgumentException.class, () -> new EcSrp5Verifier(SALT, EcPoint.INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> new EcSrp5Verifier(SALT, new EcPoint(g.x(), g.y().add(BigInteger.ONE))));
    }

    @Test
    void saltCannotBeChangedFromOutside() {
        byte[] salt = SALT.clone();
        EcSrp5Verifier verifier = new EcSrp5Verifier(salt, EcSrp5Curve.G);
        salt[0] = 9;
        verifier.salt()[1] = 9;
        assertArrayEquals(SALT, verifier.salt());
    }
}
