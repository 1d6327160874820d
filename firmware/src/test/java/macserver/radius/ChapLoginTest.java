package macserver.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import macserver.auth.Md5Challenge;
import org.junit.jupiter.api.Test;

class ChapLoginTest {
    private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void mactelnetResponseIsTheChapPassword() throws Exception {
        byte[] password = "pw".getBytes(StandardCharsets.US_ASCII);
        byte[] response = Md5Challenge.withSalt(SALT).expectedResponse(password);
        AccessRequest r = ChapLogin.accessRequest("alice", SALT, response, "router");
        assertNull(r.password(), "no User-Password with CHAP");
        byte[] chap = r.attributes().get(1).value();
        assertEquals(RadiusAttribute.CHAP_PASSWORD, r.attributes().get(1).type());
        // RFC 1994: MD5(identifier || secret || challenge), identifier in front.
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(chap[0]);
        md5.update(password);
        md5.update(SALT);
        assertArrayEquals(md5.digest(), Arrays.copyOfRange(chap, 1, 17));
        assertArrayEquals(SALT, r.attributes().get(2).value());
    }

    @Test
    void malformedResponsesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChapLogin.accessRequest("a", SALT, new byte[16], "r"));
        byte[] badIdent = new byte[17];
        badIdent[0] = 1;
        assertThrows(IllegalArgumentException.class, () -> ChapLogin.accessRequest("a", SALT, badIdent, "r"));
    }
}
