package macserver.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifiers for user names that do not exist, so an EC-SRP5 login for them runs exactly like one
 * for a real user and fails only at the proof. Each name always gets the same salt (a real user's
 * salt does not change between attempts either), derived with HMAC from a secret made at start-up.
 * V is a hashed curve point whose discrete logarithm nobody knows, so no proof can match.
 *
 * <p>Thread-safe; keep one instance for the life of the server.
 */
public final class FakeVerifiers {

    private static final int SECRET_LENGTH = 32;

    private final SecretKeySpec key;

    public FakeVerifiers(SecureRandom random) {
        byte[] secret = new byte[SECRET_LENGTH];
        random.nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
        Arrays.fill(secret, (byte) 0);
    }

    /** The fake verifier for this name (cut at the first '+', as for a real user). */
    public EcSrp5Verifier forUnknownUser(String user) {
        String name = LoginName.parse(user).user();
        byte[] salt = Arrays.copyOf(mac("salt", name), EcSrp5Verifier.SALT_LENGTH);
        EcPoint validator = EcSrp5Encoding.redp1(mac("validator", name), false);
        return new EcSrp5Verifier(salt, validator);
    }

    private byte[] mac(String purpose, String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides HmacSHA256", e);
        }
    }
}
