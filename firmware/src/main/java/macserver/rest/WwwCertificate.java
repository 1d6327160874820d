package macserver.rest;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.ServiceMenus.CertificateRow;
import macserver.x509.SelfSignedCertificate;

/**
 * The www-ssl key and self-signed certificate (P-256, ten years), made once and kept in the hidden
 * {@code /ip service certificate} item, so clients see the same certificate after a reboot.
 */
public record WwwCertificate(PrivateKey key, X509Certificate certificate) {

    /** A TLS server context with this pair, TLS 1.3 and 1.2 only (www-ssl and api-ssl). */
    public io.netty.handler.ssl.SslContext serverContext() throws javax.net.ssl.SSLException {
        return io.netty.handler.ssl.SslContextBuilder.forServer(key, certificate).protocols("TLSv1.3", "TLSv1.2").build();
    }

    /** The stored pair, made and stored first if there is none yet. */
    public static WwwCertificate loadOrCreate(ConfigModel model, String hostName) throws ConfigException {
        Menu menu = model.schema().menu("ip service certificate");
        Object[] row = model.read(() -> model.table(menu).get(1));
        try {
            if (CertificateRow.privateKey(row) == null || CertificateRow.certificate(row) == null) {
                WwwCertificate made = create(hostName, Instant.ofEpochSecond(model.now()));
                byte[] key = made.key().getEncoded();
                byte[] cert = made.certificate().getEncoded();
                model.write(Origin.SYSTEM, tx -> {
                    tx.set(menu, 1, Map.of(CertificateRow.PRIVATE_KEY.in(menu), key, CertificateRow.CERTIFICATE.in(menu), cert));
                    return null;
                });
                return made;
            }
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(CertificateRow.privateKey(row)));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(CertificateRow.certificate(row)));
            return new WwwCertificate(key, cert);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("failure: www-ssl certificate: " + e.getMessage(), e);
        }
    }

    /** A new self-signed pair for {@code hostName} (also valid for localhost and 127.0.0.1). */
    public static WwwCertificate create(String hostName, Instant now) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = g.generateKeyPair();
        Instant from = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        X509Certificate cert = SelfSignedCertificate.create(pair, hostName.replaceAll("[^A-Za-z0-9.-]", "-"),
                new BigInteger(63, new SecureRandom()).setBit(0), from, from.plus(Duration.ofDays(3651)),
                List.of("localhost"), List.of(InetAddress.ofLiteral("127.0.0.1")));
        return new WwwCertificate(pair.getPrivate(), cert);
    }
}
