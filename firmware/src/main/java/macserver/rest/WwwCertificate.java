package macserver.rest;

import java.math.BigInteger;
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
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.ServiceMenus.CertificateRow;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

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
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new ConfigException("failure: www-ssl certificate: " + e.getMessage(), e);
        }
    }

    /** A new self-signed pair for {@code hostName} (also valid for localhost and 127.0.0.1). */
    public static WwwCertificate create(String hostName, Instant now) throws GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=" + hostName.replaceAll("[^A-Za-z0-9.-]", "-"));
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                new BigInteger(63, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        } catch (org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded(holder)));
        return new WwwCertificate(pair.getPrivate(), cert);
    }

    private static byte[] encoded(X509CertificateHolder holder) throws GeneralSecurityException {
        try {
            return holder.getEncoded();
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
