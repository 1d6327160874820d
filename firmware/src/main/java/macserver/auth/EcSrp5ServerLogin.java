package macserver.auth;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The server side of one EC-SRP5 login, in two steps: {@link #serverKey} answers the client's
 * public key W_a with enc(W_b) ‖ salt (the 49-byte PASSSALT value), then {@link #verify} checks the
 * client's 32-byte proof. For an unknown user, run the same steps with a verifier from
 * {@link FakeVerifiers}: the exchange looks the same and the proof never matches.
 *
 * <p>Not thread-safe; one instance per login attempt.
 */
public final class EcSrp5ServerLogin {

    public static final int CLIENT_KEY_LENGTH = EcSrp5Encoding.POINT_LENGTH;
    public static final int SERVER_KEY_LENGTH = EcSrp5Encoding.POINT_LENGTH + EcSrp5Verifier.SALT_LENGTH;
    public static final int PROOF_LENGTH = 32;

    private enum Step { AWAITING_CLIENT_KEY, AWAITING_PROOF, DONE }

    private final EcSrp5Verifier verifier;
    private final BigInteger serverSecret;
    private Step step = Step.AWAITING_CLIENT_KEY;
    private byte[] clientKey;
    private EcPoint clientPoint;
    private byte[] serverKey;

    /** A login with a fresh random secret scalar b. */
    public EcSrp5ServerLogin(EcSrp5Verifier verifier, SecureRandom random) {
        this(verifier, randomScalar(random));
    }

    /** A login with a chosen secret scalar b, for test vectors. */
    EcSrp5ServerLogin(EcSrp5Verifier verifier, BigInteger serverSecret) {
        if (serverSecret.signum() <= 0) {
            throw new IllegalArgumentException("server secret must be positive");
        }
        this.verifier = verifier;
        this.serverSecret = serverSecret;
    }

    /**
     * Takes the client's 33-byte public key and returns enc(W_b) ‖ salt (49 bytes), where
     * W_b = b·G + redp1(x(V), even). Calling it again with the same key (a retransmitted packet)
     * returns the same bytes.
     *
     * @throws InvalidPointException when the key is not a curve point, or has small order; the
     *     login has then failed and this object should be dropped
     * @throws IllegalStateException when called again with a different key, or after {@link #verify}
     */
    public byte[] serverKey(byte[] clientPublicKey) throws InvalidPointException {
        if (step == Step.AWAITING_PROOF && Arrays.equals(clientKey, clientPublicKey)) {
            return serverKey.clone();
        }
        if (step != Step.AWAITING_CLIENT_KEY) {
            throw new IllegalStateException("server key already sent for another client key, or login finished");
        }
        EcPoint decoded = EcSrp5Encoding.decode(clientPublicKey);
        if (EcSrp5Curve.hasSmallOrder(decoded)) {
            throw new InvalidPointException("client key has small order");
        }
        EcPoint gamma = EcSrp5Encoding.redp1(EcSrp5Encoding.montgomeryX(verifier.validator()), false);
        EcPoint serverPoint = EcSrp5Curve.add(EcSrp5Curve.multiply(serverSecret, EcSrp5Curve.G), gamma);
        byte[] answer = new byte[SERVER_KEY_LENGTH];
        System.arraycopy(EcSrp5Encoding.encode(serverPoint), 0, answer, 0, EcSrp5Encoding.POINT_LENGTH);
        System.arraycopy(verifier.salt(), 0, answer, EcSrp5Encoding.POINT_LENGTH, EcSrp5Verifier.SALT_LENGTH);
        clientKey = clientPublicKey.clone();
        clientPoint = decoded;
        serverKey = answer;
        step = Step.AWAITING_PROOF;
        return answer.clone();
    }

    /**
     * Checks the client's proof, SHA-256(h ‖ x(Z)) with h = SHA-256(x(W_a) ‖ x(W_b)) and
     * Z = b·(W_a + h·V). The comparison takes the same time wherever the bytes differ. A proof of
     * the wrong length fails. One proof per login: a second call throws.
     *
     * @throws IllegalStateException before {@link #serverKey}, or when a proof was already checked
     */
    public boolean verify(byte[] proof) {
        if (step != Step.AWAITING_PROOF) {
            throw new IllegalStateException(step == Step.DONE ? "proof already checked" : "no server key sent yet");
        }
        step = Step.DONE;
        byte[] expected = expectedProof();
        return expected != null && MessageDigest.isEqual(expected, proof);
    }

    /** The proof a client that knows the password sends, or null when Z is infinity (no client can match). */
    private byte[] expectedProof() {
        byte[] h = EcSrp5Encoding.sha256(
                Arrays.copyOf(clientKey, EcSrp5Encoding.X_LENGTH),
                Arrays.copyOf(serverKey, EcSrp5Encoding.X_LENGTH));
        EcPoint hv = EcSrp5Curve.multiply(new BigInteger(1, h), verifier.validator());
        EcPoint z = EcSrp5Curve.multiply(serverSecret, EcSrp5Curve.add(clientPoint, hv));
        if (z.isInfinity()) {
            return null;
        }
        return EcSrp5Encoding.sha256(h, EcSrp5Encoding.montgomeryX(z));
    }

    /** A uniform scalar in [1, order − 1]. */
    static BigInteger randomScalar(SecureRandom random) {
        BigInteger scalar;
        do {
            scalar = new BigInteger(EcSrp5Curve.ORDER.bitLength(), random);
        } while (scalar.signum() == 0 || scalar.compareTo(EcSrp5Curve.ORDER) >= 0);
        return scalar;
    }
}
