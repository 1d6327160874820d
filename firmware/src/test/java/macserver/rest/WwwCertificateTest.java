package macserver.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Signature;
import macserver.config.ConfigModel;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

class WwwCertificateTest {
    @Test
    void madeOnceThenLoadedFromTheModel() throws Exception {
        ConfigModel model = TestModels.fresh().model;
        WwwCertificate first = WwwCertificate.loadOrCreate(model, "router one");
        WwwCertificate again = WwwCertificate.loadOrCreate(model, "other");
        assertArrayEquals(first.certificate().getEncoded(), again.certificate().getEncoded());
        assertArrayEquals(first.key().getEncoded(), again.key().getEncoded());
        assertEquals("CN=router-one", first.certificate().getSubjectX500Principal().getName());
        first.certificate().verify(first.certificate().getPublicKey());
        first.certificate().checkValidity(new java.util.Date(model.now() * 1000));
        assertTrue(first.certificate().getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(again.key());
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(first.certificate().getPublicKey());
        s.update(new byte[] {1, 2, 3});
        assertTrue(s.verify(sig), "the stored key is the certificate's");
    }
}
