package macserver.auth;

import java.math.BigInteger;

/**
 * An affine point on the EC-SRP5 curve (Curve25519 in short Weierstrass form), or the point at
 * infinity. Coordinates are Weierstrass coordinates reduced mod p; the wire form
 * ({@link EcSrp5Encoding}) uses the Montgomery x instead.
 */
public record EcPoint(BigInteger x, BigInteger y) {

    /** The neutral element. It has no coordinates and cannot be encoded. */
    public static final EcPoint INFINITY = new EcPoint(null, null);

    public EcPoint {
        if ((x == null) != (y == null)) {
            throw new IllegalArgumentException("a point has both coordinates or neither");
        }
    }

    public boolean isInfinity() {
        return x == null;
    }

    @Override
    public String toString() {
        return isInfinity() ? "EcPoint[infinity]" : "EcPoint[x=" + x.toString(16) + ", y=" + y.toString(16) + "]";
    }
}
