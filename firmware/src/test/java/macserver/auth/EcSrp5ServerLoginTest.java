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
}
