package macserver.auth;

import java.math.BigInteger;

/**
 * The group EC-SRP5 works in: Curve25519 (Montgomery y² = x³ + 486662x² + x) rewritten as the short
 * Weierstrass curve y² = x³ + a·x + b over GF(2^255 - 19), with the generator at Montgomery x = 9
 * and even y.
 *
 * <p>Scalar multiplication runs in Jacobian coordinates ({@link JacobianPoint}) with a fixed 4-bit window, so it needs a
 * single inversion at the end. {@link BigInteger} arithmetic is not constant-time; that is accepted
 * here because the secret scalars are per-login ephemerals used once.
 */
public final class EcSrp5Curve {

    public static final BigInteger P = Field25519.P;
    public static final BigInteger A = hex("2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa984914a144");
    public static final BigInteger B = hex("7b425ed097b425ed097b425ed097b425ed097b425ed097b4260b5e9c7710c864");
    /** Order of the prime subgroup G generates; the full group has 8 times as many points. */
    public static final BigInteger ORDER = hex("1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed");
    public static final int COFACTOR = 8;
    public static final EcPoint G = new EcPoint(
            hex("2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaad245a"),
            hex("5f51e65e475f794b1fe122d388b72eb36dc2b28192839e4dd6163a5d81312c14"));

    private static final int WINDOW_BITS = 4;

    private EcSrp5Curve() {
    }

    /** True for the point at infinity and for affine points whose coordinates satisfy the curve equation. */
    public static boolean contains(EcPoint point) {
        if (point.isInfinity()) {
            return true;
        }
        BigInteger x = point.x();
        BigInteger y = point.y();
        if (x.signum() < 0 || x.compareTo(P) >= 0 || y.signum() < 0 || y.compareTo(P) >= 0) {
            return false;
        }
        return Field25519.square(y).equals(rightHandSide(x));
    }

    /** x³ + a·x + b, the value y² must have for a point with this x. */
    static BigInteger rightHandSide(BigInteger x) {
        return Field25519.add(Field25519.multiply(Field25519.add(Field25519.square(x), A), x), B);
    }

    public static EcPoint negate(EcPoint point) {
        return point.isInfinity() ? point : new EcPoint(point.x(), Field25519.negate(point.y()));
    }

    public static EcPoint add(EcPoint first, EcPoint second) {
        return JacobianPoint.of(first).plus(JacobianPoint.of(second)).toAffine();
    }

    public static EcPoint twice(EcPoint point) {
        return JacobianPoint.of(point).twice().toAffine();
    }

    /**
     * k·point for any k (negative k multiplies the negated point). k is not reduced mod the order,
     * because a point outside the prime subgroup would then give a different result.
     */
    public static EcPoint multiply(BigInteger k, EcPoint point) {
        if (k.signum() < 0) {
            return multiply(k.negate(), negate(point));
        }
        JacobianPoint[] table = new JacobianPoint[1 << WINDOW_BITS];
        table[0] = JacobianPoint.INFINITY;
        table[1] = JacobianPoint.of(point);
        for (int i = 2; i < table.length; i++) {
            table[i] = (i % 2 == 0) ? table[i / 2].twice() : table[i - 1].plus(table[1]);
        }
        JacobianPoint result = JacobianPoint.INFINITY;
        int windows = (k.bitLength() + WINDOW_BITS - 1) / WINDOW_BITS;
        for (int w = windows - 1; w >= 0; w--) {
            for (int d = 0; d < WINDOW_BITS; d++) {
                result = result.twice();
            }
            int digit = 0;
            for (int bit = WINDOW_BITS - 1; bit >= 0; bit--) {
                digit = (digit << 1) | (k.testBit(w * WINDOW_BITS + bit) ? 1 : 0);
            }
            result = result.plus(table[digit]);
        }
        return result.toAffine();
    }

    /** True when 8·point is the point at infinity: such a point (infinity included) carries no secret. */
    public static boolean hasSmallOrder(EcPoint point) {
        JacobianPoint eight = JacobianPoint.of(point).twice().twice().twice();
        return eight.isInfinity();
    }

    private static BigInteger hex(String digits) {
        return new BigInteger(digits, 16);
    }
}
