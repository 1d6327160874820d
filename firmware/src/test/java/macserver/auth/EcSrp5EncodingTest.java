package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EcSrp5EncodingTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger P = EcSrp5Curve.P;
    private static final BigInteger MONTGOMERY_A = BigInteger.valueOf(486662);

    private final Random random = new Random(9);

    /** Encoding of Montgomery x = value with the given parity byte. */
    private static byte[] encoded(BigInteger montgomeryX, int parity) {
        byte[] bytes = Arrays.copyOf(EcSrp5Encoding.toFixedBytes(montgomeryX), EcSrp5Encoding.POINT_LENGTH);
        bytes[EcSrp5Encoding.X_LENGTH] = (byte) parity;
        return bytes;
    }

    /** y² on the Montgomery curve, worked out independently of the Weierstrass code. */
    private static BigInteger montgomeryRightHandSide(BigInteger x) {
        return x.pow(3).add(MONTGOMERY_A.multiply(x.pow(2))).add(x).mod(P);
    }

    @Test
    void generatorEncodesAsMontgomeryNineWithEvenY() {
        assertEquals("00".repeat(31) + "09" + "00", HEX.formatHex(EcSrp5Encoding.encode(EcSrp5Curve.G)));
    }

    @Test
    void randomPointsRoundTrip() throws Exception {
        for (int i = 0; i < 20; i++) {
            EcPoint point = EcSrp5Curve.multiply(new BigInteger(256, random), EcSrp5Curve.G);
            byte[] bytes = EcSrp5Encoding.encode(point);
            assertEquals(point.y().testBit(0) ? 1 : 0, bytes[32]);
            assertEquals(point, EcSrp5Encoding.decode(bytes));
            EcPoint negated = EcSrp5Curve.negate(point);
            assertEquals(negated, EcSrp5Encoding.decode(EcSrp5Encoding.encode(negated)));
        }
    }

    @Test
    void decodeAgreesWithTheMontgomeryEquation() throws Exception {
        BigInteger halfOrder = P.subtract(BigInteger.ONE).shiftRight(1);
        int accepted = 0;
        int rejected = 0;
        for (int x = 1; x <= 40; x++) {
            BigInteger montgomeryX = BigInteger.valueOf(x);
            BigInteger rhs = montgomeryRightHandSide(montgomeryX);
            boolean isSquare = rhs.modPow(halfOrder, P).equals(BigInteger.ONE);
            for (int parity = 0; parity <= 1; parity++) {
                byte[] bytes = encoded(montgomeryX, parity);
                if (isSquare) {
                    EcPoint point = EcSrp5Encoding.decode(bytes);
                    assertEquals(rhs, point.y().pow(2).mod(P));
                    assertEquals(parity == 1, point.y().testBit(0));
                    assertArrayEquals(bytes, EcSrp5Encoding.encode(point));
                    accepted++;
                } else {
                    assertThrows(InvalidPointException.class, () -> EcSrp5Encoding.decode(bytes), "x=" + x);
                    rejected++;
                }
            }
        }
        assertTrue(accepted > 0 && rejected > 0, "the range covers both cases");
    }

    @Test
    void decodeRejectsMalformedBytes() {
        byte[] good = EcSrp5Encoding.encode(EcSrp5Curve.G);
        assertThrows(InvalidPointException.class, () -> EcSrp5Encoding.decode(null));
        assertThrows(InvalidPointException.class, () -> EcSrp5Encoding.decode(new byte[0]));
        assertThrows(InvalidPointException.class, () -> EcSrp5Encoding.decode(Arrays.copyOf(good, 32)));
        assertThrows(InvalidPointException.class, () -> EcSrp5Encoding.decode(Arrays.copyOf(good, 34)));
        assertThrows(InvalidPointException.class, () -> EcSrp5Encoding.decode(encoded(BigInteger.valueOf(9), 2)));
        assertThrows(InvalidPointException.class, () -> EcSrp5Encoding.decode(encoded(BigInteger.valueOf(9), 0xff)));
        // x = p + 9 would reduce to the generator's x; only the canonical form is accepted.
        assertThrows(InvalidPointException.class, () -> EcSrp5Encoding.decode(encoded(P.add(BigInteger.valueOf(9)), 0)));
        assertThrows(InvalidPointException.class, () -> EcSrp5Encoding.decode(encoded(P, 0)));
    }

    @Test
    void montgomeryZeroOnlyExistsWithEvenY() throws Exception {
        EcPoint orderTwo = EcSrp5Encoding.decode(encoded(BigInteger.ZERO, 0));
        assertEquals(BigInteger.ZERO, orderTwo.y());
        assertThrows(InvalidPointException.class, () -> EcSrp5Encoding.decode(encoded(BigInteger.ZERO, 1)));
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            try {
                EcPoint point = EcSrp5Encoding.decode(bytes);
                assertTrue(EcSrp5Curve.contains(point));
            } catch (InvalidPointException expected) {
                // the normal outcome for most random input
            }
        }
    }

    @Test
    void infinityHasNoEncoding() {
        assertThrows(IllegalArgumentException.class, () -> EcSrp5Encoding.encode(EcPoint.INFINITY));
    }

    @Test
    void redp1MatchesTheServerGammaVector() {
        EcSrp5Verifier admin = EcSrp5Verifier.create("admin", "secret".toCharArray(),
                HEX.parseHex("000102030405060708090a0b0c0d0e0f"));
        EcPoint gamma = EcSrp5Encoding.redp1(EcSrp5Encoding.montgomeryX(admin.validator()), false);
        assertEquals("5f1945061fc5a3796e3a6be24f43c19fb317e932dafd7d91bd492a6542a2836700",
                HEX.formatHex(EcSrp5Encoding.encode(gamma)));
    }

    @Test
    void redp1WithOddParityIsTheNegation() {
        for (int i = 0; i < 10; i++) {
            byte[] x = new byte[32];
            random.nextBytes(x);
            EcPoint even = EcSrp5Encoding.redp1(x, false);
            EcPoint odd = EcSrp5Encoding.redp1(x, true);
            assertTrue(EcSrp5Curve.contains(even));
            assertEquals(EcSrp5Curve.negate(even), odd);
            assertEquals(false, even.y().testBit(0));
        }
    }
}
