package macserver.auth;

import static macserver.auth.EcSrp5Curve.A;
import static macserver.auth.Field25519.add;
import static macserver.auth.Field25519.multiply;
import static macserver.auth.Field25519.square;
import static macserver.auth.Field25519.subtract;

import java.math.BigInteger;

/** (X, Y, Z) stands for the affine point (X/Z², Y/Z³); Z = 0 is infinity. */
record JacobianPoint(BigInteger x, BigInteger y, BigInteger z) {

    static final JacobianPoint INFINITY = new JacobianPoint(BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);

    static JacobianPoint of(EcPoint point) {
        return point.isInfinity() ? INFINITY : new JacobianPoint(point.x(), point.y(), BigInteger.ONE);
    }

    boolean isInfinity() {
        return z.signum() == 0;
    }

    EcPoint toAffine() {
        if (isInfinity()) {
            return EcPoint.INFINITY;
        }
        BigInteger zInverse = Field25519.invert(z);
        BigInteger zInverseSquared = square(zInverse);
        return new EcPoint(multiply(x, zInverseSquared), multiply(y, multiply(zInverseSquared, zInverse)));
    }

    JacobianPoint twice() {
        if (isInfinity() || y.signum() == 0) {
            return INFINITY;
        }
        BigInteger xx = square(x);
        BigInteger yy = square(y);
        BigInteger yyyy = square(yy);
        BigInteger zz = square(z);
        BigInteger s = multiply(BigInteger.valueOf(4), multiply(x, yy));
        BigInteger m = add(multiply(BigInteger.valueOf(3), xx), multiply(A, square(zz)));
        BigInteger x3 = subtract(square(m), add(s, s));
        BigInteger y3 = subtract(multiply(m, subtract(s, x3)), multiply(BigInteger.valueOf(8), yyyy));
        BigInteger z3 = multiply(BigInteger.TWO, multiply(y, z));
        return new JacobianPoint(x3, y3, z3);
    }

    JacobianPoint plus(JacobianPoint other) {
        if (isInfinity()) {
            return other;
        }
        if (other.isInfinity()) {
            return this;
        }
        BigInteger z1z1 = square(z);
        BigInteger z2z2 = square(other.z);
        BigInteger u1 = multiply(x, z2z2);
        BigInteger u2 = multiply(other.x, z1z1);
        BigInteger s1 = multiply(y, multiply(other.z, z2z2));
        BigInteger s2 = multiply(other.y, multiply(z, z1z1));
        BigInteger h = subtract(u2, u1);
        BigInteger r = subtract(s2, s1);
        if (h.signum() == 0) {
            return r.signum() == 0 ? twice() : INFINITY;
        }
        BigInteger hh = square(h);
        BigInteger hhh = multiply(h, hh);
        BigInteger v = multiply(u1, hh);
        BigInteger x3 = subtract(subtract(square(r), hhh), add(v, v));
        BigInteger y3 = subtract(multiply(r, subtract(v, x3)), multiply(s1, hhh));
        BigInteger z3 = multiply(multiply(z, other.z), h);
        return new JacobianPoint(x3, y3, z3);
    }
}
