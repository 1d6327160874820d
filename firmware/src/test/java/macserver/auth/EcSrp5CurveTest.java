package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EcSrp5CurveTest {

    private static final EcPoint G = EcSrp5Curve.G;
    /** Montgomery (0, 0), the point of order 2: Weierstrass x = A/3. */
    private static final EcPoint ORDER_TWO = new EcPoint(
            new BigInteger("2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaad2451", 16), BigInteger.ZERO);

    private final Random random = new Random(486662);

    private BigInteger randomScalar() {
        return new BigInteger(256, random);
    }

    @Test
    void curveParametersMatchCurve25519() {
        BigInteger montgomeryA = BigInteger.valueOf(486662);
        BigInteger p = EcSrp5Curve.P;
        BigInteger three = BigInteger.valueOf(3);
        assertEquals(three.subtract(montgomeryA.pow(2)).multiply(three.modInverse(p)).mod(p), EcSrp5Curve.A);
        BigInteger b = BigInteger.TWO.multiply(montgomeryA.pow(3)).subtract(BigInteger.valueOf(9).multiply(montgomeryA))
                .multiply(BigInteger.valueOf(27).modInverse(p)).mod(p);
        assertEquals(b, EcSrp5Curve.B);
        assertTrue(EcSrp5Curve.ORDER.isProbablePrime(64));
    }

    @Test
    void generatorIsOnTheCurveAndHasPrimeOrder() {
        assertTrue(EcSrp5Curve.contains(G));
        assertTrue(EcSrp5Curve.multiply(EcSrp5Curve.ORDER, G).isInfinity());
        assertFalse(EcSrp5Curve.multiply(EcSrp5Curve.ORDER.subtract(BigInteger.ONE), G).isInfinity());
        assertEquals(EcSrp5Curve.negate(G), EcSrp5Curve.multiply(EcSrp5Curve.ORDER.subtract(BigInteger.ONE), G));
    }

    @Test
    void containsRejectsPointsOffTheCurve() {
        assertFalse(EcSrp5Curve.contains(new EcPoint(G.x(), G.y().add(BigInteger.ONE))));
        assertFalse(EcSrp5Curve.contains(new EcPoint(G.x().add(EcSrp5Curve.P), G.y())));
        assertTrue(EcSrp5Curve.contains(EcPoint.INFINITY));
        assertTrue(EcSrp5Curve.contains(ORDER_TWO));
    }

    @Test
    void multiplicationIsRepeatedAddition() {
        EcPoint sum = EcPoint.INFINITY;
        for (int k = 0; k <= 40; k++) {
            assertEquals(sum, EcSrp5Curve.multiply(BigInteger.valueOf(k), G), "k=" + k);
            sum = EcSrp5Curve.add(sum, G);
        }
    }

    @Test
    void multiplicationDistributesOverScalarAddition() {
        for (int i = 0; i < 10; i++) {
            BigInteger k1 = randomScalar();
            BigInteger k2 = randomScalar();
            EcPoint separately = EcSrp5Curve.add(EcSrp5Curve.multiply(k1, G), EcSrp5Curve.multiply(k2, G));
            EcPoint together = EcSrp5Curve.multiply(k1.add(k2), G);
            assertEquals(together, separately);
            assertTrue(EcSrp5Curve.contains(together));
        }
    }

    @Test
    void multiplicationComposes() {
        BigInteger k1 = randomScalar();
        BigInteger k2 = randomScalar();
        EcPoint nested = EcSrp5Curve.multiply(k1, EcSrp5Curve.multiply(k2, G));
        assertEquals(EcSrp5Curve.multiply(k1.multiply(k2).mod(EcSrp5Curve.ORDER), G), nested);
    }

    @Test
    void doublingAndNegation() {
        EcPoint point = EcSrp5Curve.multiply(randomScalar(), G);
        assertEquals(EcSrp5Curve.add(point, point), EcSrp5Curve.twice(point));
        assertTrue(EcSrp5Curve.add(point, EcSrp5Curve.negate(point)).isInfinity());
        assertEquals(point, EcSrp5Curve.add(point, EcPoint.INFINITY));
        assertEquals(point, EcSrp5Curve.add(EcPoint.INFINITY, point));
        assertEquals(EcSrp5Curve.negate(point), EcSrp5Curve.multiply(BigInteger.ONE.negate(), point));
        assertTrue(EcSrp5Curve.multiply(BigInteger.ZERO, point).isInfinity());
    }

    @Test
    void pointOfOrderTwoDoublesToInfinity() {
        assertTrue(EcSrp5Curve.twice(ORDER_TWO).isInfinity());
        assertTrue(EcSrp5Curve.add(ORDER_TWO, ORDER_TWO).isInfinity());
        assertEquals(ORDER_TWO, EcSrp5Curve.multiply(BigInteger.valueOf(3), ORDER_TWO));
    }

    @Test
    void smallOrderDetection() {
        assertTrue(EcSrp5Curve.hasSmallOrder(EcPoint.INFINITY));
        assertTrue(EcSrp5Curve.hasSmallOrder(ORDER_TWO));
        assertFalse(EcSrp5Curve.hasSmallOrder(G));
        // G plus a small-order point is not itself of small order.
        EcPoint mixed = EcSrp5Curve.add(G, ORDER_TWO);
        assertFalse(EcSrp5Curve.hasSmallOrder(mixed));
        assertNotEquals(EcSrp5Curve.multiply(EcSrp5Curve.ORDER, mixed), EcPoint.INFINITY);
    }
}
