package macserver.auth;

import java.math.BigInteger;

/**
 * Arithmetic modulo p = 2^255 - 19. Inputs are expected in [0, p); results are in [0, p).
 * Products are reduced by folding the bits above 2^255 back in times 19, which is several
 * times cheaper than {@link BigInteger#mod} on every multiplication.
 */
final class Field25519 {

    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private static final BigInteger LOW_255_BITS = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
    private static final BigInteger NINETEEN = BigInteger.valueOf(19);
    private static final BigInteger SQRT_EXPONENT = P.add(BigInteger.valueOf(3)).shiftRight(3);
    /** 2^((p-1)/4), a square root of -1: fixes the candidate root when p = 5 (mod 8) needs it. */
    private static final BigInteger SQRT_MINUS_ONE =
            BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

    private Field25519() {
    }

    static BigInteger add(BigInteger a, BigInteger b) {
        BigInteger sum = a.add(b);
        return sum.compareTo(P) >= 0 ? sum.subtract(P) : sum;
    }

    static BigInteger subtract(BigInteger a, BigInteger b) {
        BigInteger difference = a.subtract(b);
        return difference.signum() < 0 ? difference.add(P) : difference;
    }

    static BigInteger multiply(BigInteger a, BigInteger b) {
        return reduce(a.multiply(b));
    }

    static BigInteger square(BigInteger a) {
        return reduce(a.multiply(a));
    }

    static BigInteger negate(BigInteger a) {
        return a.signum() == 0 ? a : P.subtract(a);
    }

    static BigInteger invert(BigInteger a) {
        return a.modInverse(P);
    }

    /** Reduces any non-negative integer mod p. */
    static BigInteger reduce(BigInteger value) {
        BigInteger folded = value;
        while (folded.bitLength() > 255) {
            folded = folded.and(LOW_255_BITS).add(folded.shiftRight(255).multiply(NINETEEN));
        }
        return folded.compareTo(P) >= 0 ? folded.subtract(P) : folded;
    }

    /**
     * A square root of n, or null when n is not a square mod p. Which of the two roots comes back
     * is unspecified; callers pick the parity they need.
     */
    static BigInteger squareRoot(BigInteger n) {
        BigInteger candidate = n.modPow(SQRT_EXPONENT, P);
        if (square(candidate).equals(n)) {
            return candidate;
        }
        candidate = multiply(candidate, SQRT_MINUS_ONE);
        return square(candidate).equals(n) ? candidate : null;
    }
}
