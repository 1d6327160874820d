package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Field25519Test {

    private static final BigInteger P = Field25519.P;
    private final Random random = new Random(25519);

    private BigInteger randomElement() {
        return new BigInteger(255, random).mod(P);
    }

    @Test
    void foldingReductionAgreesWithMod() {
        for (int i = 0; i < 500; i++) {
            BigInteger value = new BigInteger(1 + random.nextInt(520), random);
            assertEquals(value.mod(P), Field25519.reduce(value), value.toString(16));
        }
        assertEquals(BigInteger.ZERO, Field25519.reduce(P));
        assertEquals(P.subtract(BigInteger.ONE), Field25519.reduce(P.subtract(BigInteger.ONE)));
    }

    @Test
    void addSubtractMultiplyStayInRange() {
        for (int i = 0; i < 200; i++) {
            BigInteger a = randomElement();
            BigInteger b = randomElement();
            assertEquals(a.add(b).mod(P), Field25519.add(a, b));
            assertEquals(a.subtract(b).mod(P), Field25519.subtract(a, b));
            assertEquals(a.multiply(b).mod(P), Field25519.multiply(a, b));
            assertEquals(a.negate().mod(P), Field25519.negate(a));
            if (a.signum() != 0) {
                assertEquals(BigInteger.ONE, Field25519.multiply(a, Field25519.invert(a)));
            }
        }
    }

    @Test
    void squareRootOfEverySquareIsFound() {
        for (int i = 0; i < 200; i++) {
            BigInteger square = Field25519.square(randomElement());
            BigInteger root = Field25519.squareRoot(square);
            assertNotNull(root);
            assertEquals(square, Field25519.square(root));
        }
    }

    @Test
    void nonSquaresHaveNoRoot() {
        // 2 is not a square mod p because p = 5 (mod 8); so 2·s² is never one either.
        assertNull(Field25519.squareRoot(BigInteger.TWO));
        for (int i = 0; i < 50; i++) {
            BigInteger s = randomElement();
            if (s.signum() != 0) {
                assertNull(Field25519.squareRoot(Field25519.multiply(BigInteger.TWO, Field25519.square(s))));
            }
        }
    }
}
