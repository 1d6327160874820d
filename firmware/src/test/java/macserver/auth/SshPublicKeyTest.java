package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SshPublicKeyTest {

    private static byte[] blob(String... parts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        for (String p : parts) {
            byte[] bytes = p.startsWith("#") ? new byte[Integer.parseInt(p.substring(1))] : p.getBytes(StandardCharsets.US_ASCII);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        return b.toByteArray();
    }

    private static String line(byte[] blob, String type) {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    @Test
    void ed25519AndEcdsaKeysParseWithTheirOwnerAndOpenSshFingerprint() throws Exception {
        byte[] ed = blob("ssh-ed25519", "#32");
        SshPublicKey k = SshPublicKey.parse(line(ed, "ssh-ed25519") + "  ops@laptop ");
        assertEquals("ssh-ed25519", k.type());
        assertEquals("ops@laptop", k.comment());
        assertEquals(256, k.bits());
        assertEquals("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(ed)), k.fingerprint());
        assertTrue(k.matches(ed));
        SshPublicKey ec = SshPublicKey.parse(line(blob("ecdsa-sha2-nistp384", "nistp384", "#97"), "ecdsa-sha2-nistp384"));
        assertEquals(384, ec.bits());
        assertEquals("", ec.comment());
    }

    @Test
    void otherTypesAndMalformedKeysAreRefusedWithAReason() throws Exception {
        assertMessage("unsupported key type ssh-rsa", "ssh-rsa AAAA");
        assertMessage("unsupported key type ssh-dss", "ssh-dss AAAA");
        assertMessage("not a public key", "ssh-ed25519");
        assertMessage("not valid base64", "ssh-ed25519 @@@");
        assertMessage("holds a ecdsa-sha2-nistp256 key",
                line(blob("ecdsa-sha2-nistp256", "nistp256", "#65"), "ssh-ed25519"));
        assertMessage("wrong curve", line(blob("ecdsa-sha2-nistp256", "nistp384", "#65"), "ecdsa-sha2-nistp256"));
        assertMessage("wrong length", line(blob("ssh-ed25519", "#31"), "ssh-ed25519"));
        assertMessage("truncated", "ssh-ed25519 " + Base64.getEncoder().encodeToString(new byte[] {0, 0, 0, 99, 1}));
    }

    private static void assertMessage(String part, String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse(line));
        assertTrue(e.getMessage().startsWith("failure: ") && e.getMessage().contains(part), e.getMessage());
    }
}
