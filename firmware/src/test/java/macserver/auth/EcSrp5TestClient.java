package macserver.auth;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/** The client side of EC-SRP5 as a 0.6.x MAC-Telnet client runs it, for testing the server side. */
public final class EcSrp5TestClient {

    private final String user;
    private final char[] password;
    private final BigInteger clientSecret;
    private final byte[] publicKey;

    public EcSrp5TestClient(String user, char[] password, SecureRandom random) {
        this(user, password, EcSrp5ServerLogin.randomScalar(random));
    }

    EcSrp5TestClient(String user, char[] password, BigInteger clientSecret) {
        this.user = user;
        this.password = password.clone();
        this.clientSecret = clientSecret;
        this.publicKey = EcSrp5Encoding.encode(EcSrp5Curve.multiply(clientSecret, EcSrp5Curve.G));
    }

    /** enc(W_a), sent after the user name in the client's PASSSALT. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The 32-byte PASSWORD value answering the server's 49-byte PASSSALT value. */
    public byte[] proof(byte[] serverKey) throws InvalidPointException {
        EcPoint serverPoint = EcSrp5Encoding.decode(Arrays.copyOf(serverKey, EcSrp5Encoding.POINT_LENGTH));
        byte[] salt = Arrays.copyOfRange(serverKey, EcSrp5Encoding.POINT_LENGTH, EcSrp5ServerLogin.SERVER_KEY_LENGTH);
        BigInteger v = new BigInteger(1, EcSrp5Verifier.secretScalar(user, password, salt));
        EcPoint validator = EcSrp5Curve.multiply(v, EcSrp5Curve.G);
        byte[] h = EcSrp5Encoding.sha256(
                Arrays.copyOf(publicKey, EcSrp5Encoding.X_LENGTH),
                Arrays.copyOf(serverKey, EcSrp5Encoding.X_LENGTH));
        EcPoint minusGamma = EcSrp5Encoding.redp1(EcSrp5Encoding.montgomeryX(validator), true);
        BigInteger exponent = clientSecret.add(new BigInteger(1, h).multiply(v)).mod(EcSrp5Curve.ORDER);
        EcPoint z = EcSrp5Curve.multiply(exponent, EcSrp5Curve.add(serverPoint, minusGamma));
        return EcSrp5Encoding.sha256(h, EcSrp5Encoding.montgomeryX(z));
    }
}
