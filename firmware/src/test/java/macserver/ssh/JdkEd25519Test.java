package macserver.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSAUtils;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkEd25519Test {
    @BeforeAll
    static void install() {
        JdkEd25519.install();
    }

    private static EdDSASupport<?, ?> support() {
        return SecurityUtils.getEdDSASupport().orElseThrow();
    }

    @Test
    void minaFindsEd25519WithoutBouncyCastleOrNetI2p() {
        assertTrue(SecurityUtils.isEDDSACurveSupported());
        assertEquals(JdkEd25519.class, support().getClass());
        assertTrue(BuiltinSignatures.ed25519.isSupported());
        assertTrue(!SecurityUtils.isBouncyCastleRegistered() && !SecurityUtils.isNetI2pCryptoEdDSARegistered());
    }

    /** RFC 8032, section 7.1, test 1: a secret key and its public key. */
    @Test
    void thePublicKeyOfAPrivateOneIsRecovered() throws Exception {
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] expected = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        JdkEd25519 s = (JdkEd25519) support();
        EdECPrivateKey key = s.generateEDDSAPrivateKey(seed);
        EdECPublicKey pub = s.recoverEDDSAPublicKey(key);
        assertArrayEquals(expected, EdDSAUtils.getBytes(pub));
        assertTrue(s.compareEDDSAPPublicKeys(pub, s.generateEDDSAPublicKey(expected)));
        assertArrayEquals(seed, s.getPrivateKeyData(key));
    }

    @Test
    void aKeyMinaMakesSignsAndTheJdkVerifies() throws Exception {
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        assertEquals(KeyPairProvider.SSH_ED25519, KeyUtils.getKeyType(pair));
        Signature signer = BuiltinSignatures.ed25519.create();
        signer.initSigner(null, pair.getPrivate());
        byte[] data = "session id and request".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        signer.update(null, data);
        byte[] sig = signer.sign(null);

        java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
        jdk.initVerify(pair.getPublic());
        jdk.update(data);
        assertTrue(jdk.verify(sig));

        Signature verifier = BuiltinSignatures.ed25519.create();
        verifier.initVerifier(null, pair.getPublic());
        verifier.update(null, data);
        assertTrue(verifier.verify(null, sig));
        verifier.initVerifier(null, KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
        verifier.update(null, data);
        assertTrue(!verifier.verify(null, sig), "another key's signature");
    }

    @Test
    void theHostKeySurvivesItsOpenSshEncoding() throws Exception {
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        SshHostKey back = SshHostKey.decode(SshHostKey.encode(pair));
        assertArrayEquals(pair.getPublic().getEncoded(), back.pair().getPublic().getEncoded());
        assertTrue(support().compareEDDSAPrivateKeys(pair.getPrivate(), back.pair().getPrivate()));
        assertEquals(KeyUtils.getFingerPrint(pair.getPublic()), back.fingerprint());
    }

    @Test
    void anOtherKeySizeIsRefused() {
        assertThrows(Exception.class, () -> KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 448));
    }

    @Test
    void opensshKeysReadBothWays(@TempDir Path dir) throws Exception {
        Path keygen = Path.of("/usr/bin/ssh-keygen");
        Assumptions.assumeTrue(Files.isExecutable(keygen), "ssh-keygen is not installed");
        Path file = dir.resolve("id_ed25519");
        Process p = new ProcessBuilder(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", file.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));

        KeyPair pair;
        try (InputStream in = Files.newInputStream(file)) {
            pair = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("id"), in, null).iterator().next();
        }
        String line = Files.readString(dir.resolve("id_ed25519.pub")).strip();
        PublicKey fromLine = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line)
                .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        assertArrayEquals(fromLine.getEncoded(), pair.getPublic().getEncoded());
        assertEquals(line.split(" ")[1], PublicKeyEntry.toString(fromLine).split(" ")[1], "MINA writes the key as OpenSSH did");

        // ssh-keygen reads the public key MINA writes (its fingerprint matches).
        Path written = dir.resolve("written.pub");
        Files.writeString(written, PublicKeyEntry.toString(pair.getPublic()) + "\n");
        Process fp = new ProcessBuilder(keygen.toString(), "-l", "-E", "sha256", "-f", written.toString()).redirectErrorStream(true).start();
        String out = new String(fp.getInputStream().readAllBytes());
        assertTrue(fp.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, fp.exitValue(), out);
        assertTrue(out.contains(KeyUtils.getFingerPrint(pair.getPublic())), out);
    }
}
