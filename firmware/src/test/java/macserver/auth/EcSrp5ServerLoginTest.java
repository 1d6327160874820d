package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Section 4.5 of the protocol notes: user admin, password secret, salt 00..0f. */
class EcSrp5ServerLoginTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final BigInteger CLIENT_A = new BigInteger("1012131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f70", 16);
    private static final BigInteger SERVER_B = new BigInteger("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbe7f", 16);
    private static final String W_A = "6fc80e9c6dea43ce3a2abd44a60ea73e637b008427a7da28e17c65670056805301";
    private static final String W_B = "18a7c8698f7a0350560a3e991c8402b8a001fc83055b2e44eb54d36d4980feef00";
    private static final String PROOF = "96bbca63cb04fdda999e3164b69f530316a620af2ba8eb3b30aef7b4c2689b7c";

    private static EcSrp5Verifier adminVerifier() {
        return EcSrp5Verifier.create("admin", "secret".toCharArray(), SALT);
    }

    @Test
    void serverKeyMatchesVector() throws Exception {
        EcSrp5ServerLogin login = new EcSrp5ServerLogin(adminVerifier(), SERVER_B);
        byte[] answer = login.serverKey(HEX.parseHex(W_A));
        assertEquals(W_B + HEX.formatHex(SALT), HEX.formatHex(answer));
    }

    @Test
    void vectorProofIsAccepted() throws Exception {
        EcSrp5ServerLogin login = new EcSrp5ServerLogin(adminVerifier(), SERVER_B);
        login.serverKey(HEX.parseHex(W_A));
        assertTrue(login.verify(HEX.parseHex(PROOF)));
    }

    @Test
    void proofWithOneBitFlippedIsRefused() throws Exception {
        EcSrp5ServerLogin login = new EcSrp5ServerLogin(adminVerifier(), SERVER_B);
        login.serverKey(HEX.parseHex(W_A));
        byte[] proof = HEX.parseHex(PROOF);
        proof[31] ^= 1;
        assertFalse(login.verify(proof));
    }

    @Test
    void testClientReproducesVectorKeyAndProof() throws Exception {
        EcSrp5TestClient client = new EcSrp5TestClient("admin", "secret".toCharArray(), CLIENT_A);
        assertEquals(W_A, HEX.formatHex(client.publicKey()));
        assertEquals(PROOF, HEX.formatHex(client.proof(HEX.parseHex(W_B + HEX.formatHex(SALT)))));
    }

    private final SecureRandom random = new SecureRandom();

    private String randomPassword() {
        char[] chars = new char[random.nextInt(20)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (0x21 + random.nextInt(0x5e));
        }
        return new String(chars);
    }

    private boolean login(EcSrp5Verifier verifier, String user, String password) throws Exception {
        EcSrp5TestClient client = new EcSrp5TestClient(user, password.toCharArray(), random);
        EcSrp5ServerLogin server = new EcSrp5ServerLogin(verifier, random);
        byte[] serverKey = server.serverKey(client.publicKey());
        assertEquals(EcSrp5ServerLogin.SERVER_KEY_LENGTH, serverKey.length);
        return server.verify(client.proof(serverKey));
    }

    @Test
    void rightRandomPasswordsSucceedAndWrongOnesFail() throws Exception {
        for (int i = 0; i < 8; i++) {
            String password = randomPassword();
            EcSrp5Verifier verifier = EcSrp5Verifier.create("user" + i, password.toCharArray(), random);
            assertTrue(login(verifier, "user" + i, password), "password " + password);
            assertFalse(login(verifier, "user" + i, password + "x"), "password " + password + "x");
            assertFalse(login(verifier, "other" + i, password), "another user name");
        }
    }

    @Test
    void emptyPasswordLogsIn() throws Exception {
        EcSrp5Verifier verifier = EcSrp5Verifier.create("admin", new char[0], random);
        assertTrue(login(verifier, "admin", ""));
        assertFalse(login(verifier, "admin", " "));
    }

    @Test
    void clientWithConsoleOptionsLogsIn() throws Exception {
        EcSrp5Verifier verifier = EcSrp5Verifier.create("admin", "secret".toCharArray(), random);
        assertTrue(login(verifier, "admin+c80w", "secret"));
    }

    @Test
    void unknownUserWithFakeVerifierFails() throws Exception {
        FakeVerifiers fakes = new FakeVerifiers(random);
        assertFalse(login(fakes.forUnknownUser("ghost"), "ghost", "secret"));
        assertFalse(login(fakes.forUnknownUser("ghost"), "ghost", ""));
    }

    @Test
    void randomServerSecretsDiffer() throws Exception {
        EcSrp5Verifier verifier = adminVerifier();
        byte[] clientKey = HEX.parseHex(W_A);
        byte[] first = new EcSrp5ServerLogin(verifier, random).serverKey(clientKey);
        byte[] second = new EcSrp5ServerLogin(verifier, random).serverKey(clientKey);
        assertFalse(Arrays.equals(first, second));
        assertArrayEquals(Arrays.copyOfRange(first, 33, 49), Arrays.copyOfRange(second, 33, 49), "same salt");
    }

    @Test
    void invalidClientKeysAreRejectedWithoutAnswer() {
        byte[] offCurve = new byte[33];
        offCurve[32] = 1; // Montgomery x = 0 has no odd y
        byte[] orderTwo = new byte[33];
        byte[] badParity = HEX.parseHex(W_A);
        badParity[32] = 2;
        for (byte[] key : new byte[][] {offCurve, orderTwo, badParity, new byte[32], new byte[0], null}) {
            EcSrp5ServerLogin login = new EcSrp5ServerLogin(adminVerifier(), SERVER_B);
            assertThrows(InvalidPointException.class, () -> login.serverKey(key));
        }
    }

    @Test
    void retransmittedClientKeyGetsTheSameAnswer() throws Exception {
        EcSrp5ServerLogin login = new EcSrp5ServerLogin(adminVerifier(), random);
        byte[] first = login.serverKey(HEX.parseHex(W_A));
        assertArrayEquals(first, login.serverKey(HEX.parseHex(W_A)));
        EcSrp5TestClient other = new EcSrp5TestClient("admin", "secret".toCharArray(), random);
        assertThrows(IllegalStateException.class, () -> login.serverKey(other.publicKey()));
    }

    @Test
    void stepsMustComeInOrder() throws Exception {
        EcSrp5ServerLogin login = new EcSrp5ServerLogin(adminVerifier(), SERVER_B);
        assertThrows(IllegalStateException.class, () -> login.verify(HEX.parseHex(PROOF)));
        login.serverKey(HEX.parseHex(W_A));
        assertTrue(login.verify(HEX.parseHex(PROOF)));
        assertThrows(IllegalStateException.class, () -> login.verify(HEX.parseHex(PROOF)));
        assertThrows(IllegalStateException.class, () -> login.serverKey(HEX.parseHex(W_A)));
    }

    @Test
    void proofsOfTheWrongLengthFail() throws Exception {
        for (byte[] proof : new byte[][] {Arrays.copyOf(HEX.parseHex(PROOF), 31),
                Arrays.copyOf(HEX.parseHex(PROOF), 33), new byte[0], null}) {
            EcSrp5ServerLogin login = new EcSrp5ServerLogin(adminVerifier(), SERVER_B);
            login.serverKey(HEX.parseHex(W_A));
            assertFalse(login.verify(proof));
        }
    }

    @Test
    void serverSecretMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new EcSrp5ServerLogin(adminVerifier(), BigInteger.ZERO));
    }

    @Test
    void randomScalarsAreInRange() {
        for (int i = 0; i < 100; i++) {
            BigInteger scalar = EcSrp5ServerLogin.randomScalar(random);
            assertTrue(scalar.signum() > 0 && scalar.compareTo(EcSrp5Curve.ORDER) < 0);
        }
    }
}
