package macserver.x509;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-signed X.509 v3 certificate (RFC 5280) for a TLS server: a subject of one common name,
 * basic constraints marking it as no authority (critical), and the names it is valid for as a
 * subject alternative name. Signed with SHA-256 by the pair's own EC (ECDSA) or RSA key.
 */
public final class SelfSignedCertificate {
    static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    static final String COMMON_NAME = "2.5.4.3";
    static final String BASIC_CONSTRAINTS = "2.5.29.19";
    static final String SUBJECT_ALT_NAME = "2.5.29.17";

    private SelfSignedCertificate() {}

    /**
     * The certificate for {@code pair}, valid from {@code notBefore} to {@code notAfter} (whole
     * seconds), for the DNS names and IP addresses given.
     */
    public static X509Certificate create(KeyPair pair, String commonName, BigInteger serial, Instant notBefore,
            Instant notAfter, List<String> dnsNames, List<InetAddress> addresses) throws GeneralSecurityException {
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("a certificate serial number is positive");
        }
        String keyAlgorithm = pair.getPrivate().getAlgorithm();
        byte[] signatureAlgorithm;
        String signatureName;
        switch (keyAlgorithm) {
            // ECDSA's algorithm identifier has no parameters at all (RFC 5758), RSA's a NULL.
            case "EC" -> {
                signatureAlgorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
                signatureName = "SHA256withECDSA";
            }
            case "RSA" -> {
                signatureAlgorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), new byte[] {0x05, 0x00});
                signatureName = "SHA256withRSA";
            }
            default -> throw new GeneralSecurityException("no certificate signature for " + keyAlgorithm + " keys");
        }
        byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(2)), // version: v3
                Der.integer(serial),
                signatureAlgorithm,
                name, // issuer: itself
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                name,
                pair.getPublic().getEncoded(), // SubjectPublicKeyInfo, already DER
                Der.explicit(3, extensions(dnsNames, addresses)));
        Signature signer = Signature.getInstance(signatureName);
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] encoded = Der.sequence(tbs, signatureAlgorithm, Der.bitString(signer.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
    }

    private static byte[] extensions(List<String> dnsNames, List<InetAddress> addresses) {
        List<byte[]> generalNames = new ArrayList<>();
        for (String dns : dnsNames) {
            generalNames.add(Der.implicit(2, dns.getBytes(StandardCharsets.US_ASCII))); // dNSName, an IA5String
        }
        for (InetAddress address : addresses) {
            generalNames.add(Der.implicit(7, address.getAddress())); // iPAddress: 4 or 16 bytes
        }
        List<byte[]> extensions = new ArrayList<>();
        // cA FALSE is the default, so DER leaves it out: an empty sequence.
        extensions.add(Der.sequence(Der.oid(BASIC_CONSTRAINTS), Der.bool(true), Der.octetString(Der.sequence())));
        if (!generalNames.isEmpty()) {
            extensions.add(Der.sequence(Der.oid(SUBJECT_ALT_NAME),
                    Der.octetString(Der.sequence(generalNames.toArray(byte[][]::new)))));
        }
        return Der.sequence(extensions.toArray(byte[][]::new));
    }
}
