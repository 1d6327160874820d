package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final int FAST = PasswordHash.MIN_ITERATIONS;
    private final SecureRandom random = new SecureRandom();

    private Credentials secret() {
        return Credentials.forPassword("admin", "secret".toCharArray(), FAST, random);
    }

    private static boolean ecSrp5Login(Credentials credentials, String user, String password) throws Exception {
        SecureRandom random = new SecureRandom();
        EcSrp5TestClient client = new EcSrp5TestClient(user, password.toCharArray(), random);
        EcSrp5ServerLogin server = new EcSrp5ServerLogin(credentials.ecSrp5Verifier(), random);
        return server.verify(client.proof(server.serverKey(client.publicKey())));
    }

    @Test
    void matchesOnlyTheRightPassword() {
        Credentials credentials = secret();
        assertTrue(credentials.matches("secret".toCharArray()));
        assertFalse(credentials.matches("secret1".toCharArray()));
        assertFalse(credentials.matches(new char[0]));
        assertFalse(credentials.isEmptyPassword());
    }

    @Test
    void defaultFactoryUsesDefaultWork() {
        Credentials credentials = Credentials.forPassword("admin", "secret".toCharArray());
        assertEquals(PasswordHash.DEFAULT_ITERATIONS, credentials.passwordHash().iterations());
        assertTrue(credentials.matches("secret".toCharArray()));
    }

    @Test
    void emptyPasswordIsMarkedAndStillUsable() throws Exception {
        Credentials credentials = Credentials.forPassword("admin", new char[0], FAST, random);
        assertTrue(credentials.isEmptyPassword());
        assertTrue(credentials.matches(new char[0]));
        assertFalse(credentials.matches("x".toCharArray()));
        assertTrue(ecSrp5Login(credentials, "admin", ""));
        assertFalse(ecSrp5Login(credentials, "admin", "x"));
    }

    @Test
    void verifierBelongsToTheUserAndPassword() throws Exception {
        Credentials credentials = secret();
        assertTrue(ecSrp5Login(credentials, "admin", "secret"));
        assertFalse(ecSrp5Login(credentials, "root", "secret"));
    }

    @Test
    void legacySlotIsEmptyByDefault() {
        assertTrue(secret().legacyMd5Secret().isEmpty());
    }

    @Test
    void legacySlotCanBeFilledAndEmptied() {
        Credentials filled = secret().withLegacyMd5Secret(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, filled.legacyMd5Secret().orElseThrow());
        filled.legacyMd5Secret().orElseThrow()[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, filled.legacyMd5Secret().orElseThrow());
        assertTrue(filled.withLegacyMd5Secret(null).legacyMd5Secret().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> secret().withLegacyMd5Secret(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> secret().withLegacyMd5Secret(new byte[256]));
    }

    @Test
    void encodingRoundTrips() throws Exception {
        Credentials credentials = secret();
        byte[] encoded = credentials.encode();
        assertEquals(103, encoded.length);
        assertEquals(Credentials.FORMAT_VERSION, encoded[0]);
        Credentials back = Credentials.decode(encoded);
        assertEquals(credentials, back);
        assertArrayEquals(encoded, back.encode());
        assertTrue(back.matches("secret".toCharArray()));
        assertFalse(back.isEmptyPassword());
        assertEquals(credentials.ecSrp5Verifier(), back.ecSrp5Verifier());
        assertTrue(ecSrp5Login(back, "admin", "secret"));
    }

    @Test
    void encodingKeepsFlagsAndLegacySlot() throws Exception {
        Credentials credentials = Credentials.forPassword("admin", new char[0], FAST, random)
                .withLegacyMd5Secret(new byte[255]);
        Credentials back = Credentials.decode(credentials.encode());
        assertTrue(back.isEmptyPassword());
        assertArrayEquals(new byte[255], back.legacyMd5Secret().orElseThrow());
        assertEquals(103 + 1 + 255, credentials.encode().length);
    }

    @Test
    void encodingHoldsNoPlaintextPassword() {
        String password = "hunter2-and-some";
        byte[] encoded = Credentials.forPassword("admin", password.toCharArray(), FAST, random).encode();
        String asText = new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(asText.contains(password));
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] encoded = secret().withLegacyMd5Secret(new byte[] {7, 7}).encode();
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThrows(CredentialsFormatException.class, () -> Credentials.decode(truncated), "length " + length);
        }
        assertThrows(CredentialsFormatException.class, () -> Credentials.decode(null));
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] encoded = secret().encode();
        CredentialsFormatException e = assertThrows(CredentialsFormatException.class,
                () -> Credentials.decode(Arrays.copyOf(encoded, encoded.length + 1)));
        assertTrue(e.getMessage().contains("unexpected"), e.getMessage());
    }

    @Test
    void badHeaderFieldsAreRefusedWithAReason() {
        byte[] encoded = secret().encode();
        assertRefused(encoded, 0, (byte) 2, "version");
        assertRefused(encoded, 1, (byte) 0x80, "flags");
        byte[] zeroIterations = encoded.clone();
        Arrays.fill(zeroIterations, 2, 6, (byte) 0);
        assertMessage(zeroIterations, "iterations");
        byte[] hugeIterations = encoded.clone();
        Arrays.fill(hugeIterations, 2, 6, (byte) 0x7f);
        assertMessage(hugeIterations, "iterations");
        assertRefused(encoded, 102, (byte) 5, "validator");
        byte[] flaggedButEmpty = Arrays.copyOf(encoded, encoded.length + 1);
        flaggedButEmpty[1] |= 2;
        assertMessage(flaggedButEmpty, "legacy");
    }

    @Test
    void validatorOffTheCurveIsRefused() {
        byte[] encoded = secret().encode();
        Arrays.fill(encoded, 70, 102, (byte) 0);
        encoded[102] = 1; // Montgomery x = 0 with odd y does not exist
        assertMessage(encoded, "validator");
        Arrays.fill(encoded, 70, 103, (byte) 0); // the point of order 2
        assertMessage(encoded, "validator");
    }

    @Test
    void corruptedOrRandomBytesOnlyEverGiveTheFormatException() {
        Random seeded = new Random(103);
        byte[] encoded = secret().encode();
        for (int i = 0; i < 500; i++) {
            byte[] corrupted = encoded.clone();
            corrupted[seeded.nextInt(corrupted.length)] ^= (byte) (1 + seeded.nextInt(255));
            decodeOrFormatException(corrupted);
            byte[] garbage = new byte[seeded.nextInt(140)];
            seeded.nextBytes(garbage);
            if (garbage.length > 0 && seeded.nextBoolean()) {
                garbage[0] = Credentials.FORMAT_VERSION; // get past the version check more often
            }
            decodeOrFormatException(garbage);
        }
    }

    private static void decodeOrFormatException(byte[] bytes) {
        try {
            Credentials decoded = Credentials.decode(bytes);
            assertArrayEquals(bytes, decoded.encode(), "whatever decodes must encode to the same bytes");
        } catch (CredentialsFormatException expected) {
            assertFalse(expected.getMessage().isBlank());
        }
    }

    private static void assertRefused(byte[] encoded, int offset, byte value, String reason) {
        byte[] changed = encoded.clone();
        changed[offset] = value;
        assertMessage(changed, reason);
    }

    private static void assertMessage(byte[] bytes, String reason) {
        CredentialsFormatException e = assertThrows(CredentialsFormatException.class, () -> Credentials.decode(bytes));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
