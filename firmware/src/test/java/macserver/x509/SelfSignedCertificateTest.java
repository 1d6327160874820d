package macserver.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {
    private static final Instant FROM = Instant.parse("2026-12-02T06:00:00Z");
    private static final Instant UNTIL = Instant.parse("2036-12-02T06:00:00Z");

    private static KeyPair ecPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate routerCertificate(KeyPair pair) throws Exception {
        return SelfSignedCertificate.create(pair, "router-one", BigInteger.valueOf(0x1234_5678_9abcL), FROM, UNTIL,
                List.of("localhost", "router.lan"), List.of(InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral("::1")));
    }

    @Test
    void theJdkParsesAndVerifiesAnEcCertificate() throws Exception {
        KeyPair pair = ecPair();
        X509Certificate cert = routerCertificate(pair);
        cert.verify(pair.getPublic());
        assertEquals(3, cert.getVersion());
        assertEquals(BigInteger.valueOf(0x1234_5678_9abcL), cert.getSerialNumber());
        assertEquals("CN=router-one", cert.getSubjectX500Principal().getName());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals("SHA256withECDSA", cert.getSigAlgName());
        assertEquals(Date.from(FROM), cert.getNotBefore());
        assertEquals(Date.from(UNTIL), cert.getNotAfter());
        assertEquals(pair.getPublic(), cert.getPublicKey());
        assertEquals(-1, cert.getBasicConstraints(), "not an authority");
        assertTrue(cert.getCriticalExtensionOIDs().contains(SelfSignedCertificate.BASIC_CONSTRAINTS));
        assertEquals(Set.of(SelfSignedCertificate.SUBJECT_ALT_NAME), cert.getNonCriticalExtensionOIDs());
        Set<String> names = cert.getSubjectAlternativeNames().stream()
                .map(n -> n.get(0) + ":" + n.get(1)).collect(Collectors.toSet());
        assertEquals(Set.of("2:localhost", "2:router.lan", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1"), names);
        cert.checkValidity(Date.from(FROM.plusSeconds(1)));
        assertThrows(CertificateNotYetValidException.class, () -> cert.checkValidity(Date.from(FROM.minusSeconds(1))));
        assertThrows(CertificateExpiredException.class, () -> cert.checkValidity(Date.from(UNTIL.plusSeconds(1))));
    }

    @Test
    void anRsaKeySignsWithSha256WithRsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        X509Certificate cert = SelfSignedCertificate.create(pair, "r", BigInteger.ONE, FROM, UNTIL, List.of(), List.of());
        cert.verify(pair.getPublic());
        assertEquals("SHA256withRSA", cert.getSigAlgName());
        assertEquals(null, cert.getSubjectAlternativeNames(), "no names: no extension");
    }

    @Test
    void anotherKeyDoesNotVerifyIt() throws Exception {
        X509Certificate cert = routerCertificate(ecPair());
        assertThrows(java.security.SignatureException.class, () -> cert.verify(ecPair().getPublic()));
    }

    @Test
    void validityAfter2049IsAGeneralizedTime() throws Exception {
        KeyPair pair = ecPair();
        Instant late = Instant.parse("2051-06-01T00:00:00Z");
        X509Certificate cert = SelfSignedCertificate.create(pair, "r", BigInteger.TEN, FROM, late, List.of(), List.of());
        assertEquals(Date.from(late), cert.getNotAfter());
    }

    @Test
    void aSerialNumberIsPositive() {
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.create(ecPair(), "r", BigInteger.ZERO,
                FROM, UNTIL, List.of(), List.of()));
    }

    @Test
    void opensslReadsIt(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        KeyPair pair = ecPair();
        X509Certificate cert = routerCertificate(pair);
        Path pem = dir.resolve("cert.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        String text = run("/usr/bin/openssl", "x509", "-in", pem.toString(), "-noout", "-text");
        assertTrue(text.contains("Version: 3 (0x2)"), text);
        assertTrue(text.contains("Subject: CN = router-one"), text);
        assertTrue(text.contains("Issuer: CN = router-one"), text);
        assertTrue(text.contains("Signature Algorithm: ecdsa-with-SHA256"), text);
        assertTrue(text.contains("Not After : Dec  2 06:00:00 2036 GMT"), text);
        assertTrue(text.contains("X509v3 Basic Constraints: critical"), text);
        assertTrue(text.contains("CA:FALSE"), text);
        assertTrue(text.contains("DNS:localhost, DNS:router.lan, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"), text);
        // And openssl checks the self-signature: the certificate is its own trust anchor.
        String verified = run("/usr/bin/openssl", "verify", "-CAfile", pem.toString(), "-attime",
                String.valueOf(FROM.plusSeconds(60).getEpochSecond()), "-partial_chain", pem.toString());
        assertTrue(verified.contains(": OK"), verified);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
