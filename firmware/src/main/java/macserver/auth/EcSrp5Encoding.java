package macserver.auth;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The 33-byte wire form of EC-SRP5 points and the redp1 hash-to-curve. The wire form is the
 * <em>Montgomery</em> x as 32 big-endian bytes followed by a parity byte (01 when y is odd, 00
 * when even): neither SEC1 nor the little-endian X25519 form.
 */
public final class EcSrp5Encoding {

    public static final int POINT_LENGTH = 33;
    public static final int X_LENGTH = 32;

    /** A/3 for Montgomery A = 486662: Weierstrass x = Montgomery x + A/3 (mod p). */
    private static final BigInteger A_THIRD =
            BigInteger.valueOf(486662).multiply(BigInteger.valueOf(3).modInverse(EcSrp5Curve.P)).mod(EcSrp5Curve.P);

    private EcSrp5Encoding() {
    }

    /** The 33-byte form of a finite point. */
    public static byte[] encode(EcPoint point) {
        byte[] encoded = Arrays.copyOf(montgomeryX(point), POINT_LENGTH);
        encoded[X_LENGTH] = (byte) (point.y().testBit(0) ? 1 : 0);
        return encoded;
    }

    /** The point's Montgomery x as 32 big-endian bytes, the part of the encoding that h and the proof hash. */
    public static byte[] montgomeryX(EcPoint point) {
        if (point.isInfinity()) {
            throw new IllegalArgumentException("the point at infinity has no encoding");
        }
        return toFixedBytes(Field25519.subtract(point.x(), A_THIRD));
    }

    /**
     * Reads a 33-byte point. Fails, without side effects, for a wrong length, an x not below p, a
     * parity byte other than 00/01 and an x with no point on the curve. Small-order points decode
     * fine; callers that take keys from peers check {@link EcSrp5Curve#hasSmallOrder} as well.
     */
    public static EcPoint decode(byte[] encoded) throws InvalidPointException {
        if (encoded == null || encoded.length != POINT_LENGTH) {
            throw new InvalidPointException("a point needs " + POINT_LENGTH + " bytes, got "
                    + (encoded == null ? "none" : encoded.length));
        }
        int parity = encoded[X_LENGTH];
        if (parity != 0 && parity != 1) {
            throw new InvalidPointException("point parity byte must be 00 or 01, got " + (parity & 0xff));
        }
        BigInteger montgomeryX = new BigInteger(1, Arrays.copyOf(encoded, X_LENGTH));
        if (montgomeryX.compareTo(EcSrp5Curve.P) >= 0) {
            throw new InvalidPointException("point x is not below p");
        }
        EcPoint point = lift(montgomeryX, parity == 1);
        if (point == null) {
            throw new InvalidPointException("no curve point has this x and parity");
        }
        return point;
    }

    /**
     * redp1: maps a Montgomery x (normally that of the validator V) to a curve point with the
     * wanted y parity. The server uses even y (γ), the client odd y (−γ).
     */
    public static EcPoint redp1(byte[] montgomeryX, boolean oddY) {
        BigInteger counter = new BigInteger(1, sha256(montgomeryX));
        while (true) {
            BigInteger candidateX = new BigInteger(1, sha256(toFixedBytes(counter))).mod(EcSrp5Curve.P);
            EcPoint point = lift(candidateX, oddY);
            if (point != null) {
                return point;
            }
            // About half of all x values have a point, so this loop ends after a few rounds.
            counter = counter.add(BigInteger.ONE);
        }
    }

    /** The point with this Montgomery x (in [0, p)) and y parity, or null when there is none. */
    private static EcPoint lift(BigInteger montgomeryX, boolean oddY) {
        BigInteger x = Field25519.add(montgomeryX, A_THIRD);
        BigInteger y = Field25519.squareRoot(EcSrp5Curve.rightHandSide(x));
        if (y == null) {
            return null;
        }
        if (y.testBit(0) != oddY) {
            y = Field25519.negate(y);
            if (y.testBit(0) != oddY) {
                return null; // y = 0 has only the even root
            }
        }
        return new EcPoint(x, y);
    }

    /** The low 256 bits of a non-negative integer as 32 big-endian bytes. */
    static byte[] toFixedBytes(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[X_LENGTH];
        int copy = Math.min(raw.length, X_LENGTH);
        System.arraycopy(raw, raw.length - copy, fixed, X_LENGTH - copy, copy);
        return fixed;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
