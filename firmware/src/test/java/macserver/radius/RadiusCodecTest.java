package macserver.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RadiusCodecTest {
    private static final byte[] SECRET = "s3cret-for-tests".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTH = new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    private static AccessRequest macRequest() {
        return new AccessRequest(List.of(RadiusAttribute.text(RadiusAttribute.USER_NAME, "00:01:02:03:04:05"),
                RadiusAttribute.integer(RadiusAttribute.NAS_PORT_TYPE, RadiusAttribute.PORT_TYPE_ETHERNET)),
                "00:01:02:03:04:05".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void requestHasMessageAuthenticatorFirstAndItVerifies() throws Exception {
        byte[] packet = RadiusCodec.encodeRequest(macRequest(), 77, AUTH, SECRET);
        assertEquals(1, packet[0]);
        assertEquals(77, packet[1] & 0xff);
        assertEquals(packet.length, ((packet[2] & 0xff) << 8) | (packet[3] & 0xff));
        assertArrayEquals(AUTH, Arrays.copyOfRange(packet, 4, 20));
        assertEquals(80, packet[20]);
        assertEquals(18, packet[21]);
        byte[] zeroed = packet.clone();
        Arrays.fill(zeroed, 22, 38, (byte) 0);
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(SECRET, "HmacMD5"));
        assertArrayEquals(mac.doFinal(zeroed), Arrays.copyOfRange(packet, 22, 38));
        assertEquals(1, packet[38], "User-Name follows");
    }

    @Test
    void hiddenPasswordIsPaddedAndRecoverable() throws Exception {
        byte[] password = "a-password-of-twenty".getBytes(StandardCharsets.US_ASCII);
        byte[] hidden = RadiusCodec.hidePassword(password, SECRET, AUTH);
        assertEquals(32, hidden.length);
        // Undo it as a server does: each block XOR MD5(secret || previous hidden block).
        byte[] clear = new byte[32];
        byte[] previous = AUTH;
        for (int block = 0; block < 32; block += 16) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(SECRET);
            md5.update(previous);
            byte[] b = md5.digest();
            for (int i = 0; i < 16; i++) {
                clear[block + i] = (byte) (hidden[block + i] ^ b[i]);
            }
            previous = Arrays.copyOfRange(hidden, block, block + 16);
        }
        assertArrayEquals(Arrays.copyOf(password, 32), clear);
        assertThrows(IllegalArgumentException.class, () -> RadiusCodec.hidePassword(new byte[129], SECRET, AUTH));
    }

    @Test
    void callerCannotAddCodecAttributes() {
        assertThrows(IllegalArgumentException.class, () -> new AccessRequest(
                List.of(new RadiusAttribute(RadiusAttribute.MESSAGE_AUTHENTICATOR, new byte[16])), null));
        assertThrows(IllegalArgumentException.class, () -> new AccessRequest(
                List.of(new RadiusAttribute(RadiusAttribute.PROXY_STATE, new byte[2])), null));
    }

    @Test
    void acceptWithMessageAuthenticatorDecodes() throws Exception {
        byte[] answer = RadiusCodec.encodeResponse(2, 9, AUTH, SECRET,
                List.of(RadiusAttribute.integer(RadiusAttribute.SESSION_TIMEOUT, 3600)), true);
        RadiusResponse r = RadiusCodec.decodeResponse(answer, answer.length, 9, AUTH, SECRET, true);
        assertTrue(r.accepted());
        assertEquals(3600, r.first(RadiusAttribute.SESSION_TIMEOUT).asInteger());
    }

    @Test
    void wrongSecretIsDetected() {
        byte[] answer = RadiusCodec.encodeResponse(2, 9, AUTH, "other".getBytes(), List.of(), true);
        RadiusException e = assertThrows(RadiusException.class,
                () -> RadiusCodec.decodeResponse(answer, answer.length, 9, AUTH, SECRET, true));
        assertTrue(e.getMessage().contains("Response Authenticator"), e.getMessage());
    }

    @Test
    void answerWithoutMessageAuthenticatorIsDroppedOnlyWhenRequired() throws Exception {
        byte[] answer = RadiusCodec.encodeResponse(2, 9, AUTH, SECRET, List.of(), false);
        assertThrows(RadiusException.class, () -> RadiusCodec.decodeResponse(answer, answer.length, 9, AUTH, SECRET, true));
        assertTrue(RadiusCodec.decodeResponse(answer, answer.length, 9, AUTH, SECRET, false).accepted());
    }

    @Test
    void tamperedMessageAuthenticatorIsDroppedEvenWhenNotRequired() {
        byte[] answer = RadiusCodec.encodeResponse(2, 9, AUTH, SECRET, List.of(), true);
        answer[22] ^= 1;
        // Fix the Response Authenticator so only the Message-Authenticator is wrong.
        byte[] fixed = reauthenticate(answer);
        assertThrows(RadiusException.class, () -> RadiusCodec.decodeResponse(fixed, fixed.length, 9, AUTH, SECRET, false));
    }

    @Test
    void identifierMustMatch() {
        byte[] answer = RadiusCodec.encodeResponse(3, 10, AUTH, SECRET, List.of(), true);
        assertThrows(RadiusException.class, () -> RadiusCodec.decodeResponse(answer, answer.length, 9, AUTH, SECRET, true));
    }

    @Test
    void proxyStateInAnAnswerIsDropped() {
        byte[] answer = RadiusCodec.encodeResponse(2, 9, AUTH, SECRET,
                List.of(new RadiusAttribute(RadiusAttribute.PROXY_STATE, new byte[40])), true);
        assertThrows(RadiusException.class, () -> RadiusCodec.decodeResponse(answer, answer.length, 9, AUTH, SECRET, true));
    }

    @Test
    void malformedAndOversizedAnswersAreDropped() {
        assertThrows(RadiusException.class, () -> RadiusCodec.decodeResponse(new byte[19], 19, 0, AUTH, SECRET, false));
        assertThrows(RadiusException.class, () -> RadiusCodec.decodeResponse(new byte[4097], 4097, 0, AUTH, SECRET, false));
        byte[] answer = RadiusCodec.encodeResponse(2, 9, AUTH, SECRET,
                List.of(RadiusAttribute.text(RadiusAttribute.REPLY_MESSAGE, "hello")), false);
        byte[] badLength = answer.clone();
        badLength[21] = 40; // attribute runs past the packet
        byte[] fixed = reauthenticate(badLength);
        RadiusException e = assertThrows(RadiusException.class,
                () -> RadiusCodec.decodeResponse(fixed, fixed.length, 9, AUTH, SECRET, false));
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
        byte[] longField = answer.clone();
        longField[3] = (byte) (answer.length + 1);
        assertThrows(RadiusException.class,
                () -> RadiusCodec.decodeResponse(longField, longField.length, 9, AUTH, SECRET, false));
        byte[] badCode = answer.clone();
        badCode[0] = 1;
        assertThrows(RadiusException.class, () -> RadiusCodec.decodeResponse(badCode, badCode.length, 9, AUTH, SECRET, false));
    }

    @Test
    void paddingPastTheLengthFieldIsIgnored() throws Exception {
        byte[] answer = RadiusCodec.encodeResponse(3, 9, AUTH, SECRET, List.of(), true);
        byte[] padded = Arrays.copyOf(answer, answer.length + 5);
        assertEquals(3, RadiusCodec.decodeResponse(padded, padded.length, 9, AUTH, SECRET, true).code());
    }

    /** Recomputes the Response Authenticator of a modified answer, as an attacker with the secret could. */
    private static byte[] reauthenticate(byte[] answer) {
        try {
            byte[] copy = answer.clone();
            System.arraycopy(AUTH, 0, copy, 4, 16);
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(copy);
            md5.update(SECRET);
            System.arraycopy(md5.digest(), 0, copy, 4, 16);
            return copy;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
