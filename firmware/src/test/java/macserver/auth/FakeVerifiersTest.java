package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FakeVerifiersTest {

    private final SecureRandom random = new SecureRandom();
    private final FakeVerifiers fakes = new FakeVerifiers(random);

    @Test
    void sameNameGetsTheSameVerifierEveryTime() {
        assertEquals(fakes.forUnknownUser("ghost"), fakes.forUnknownUser("ghost"));
        assertEquals(fakes.forUnknownUser("ghost"), fakes.forUnknownUser("ghost+c80w"));
    }

    @Test
    void namesAndInstancesGetDifferentVerifiers() {
        EcSrp5Verifier ghost = fakes.forUnknownUser("ghost");
        EcSrp5Verifier phantom = fakes.forUnknownUser("phantom");
        assertFalse(Arrays.equals(ghost.salt(), phantom.salt()));
        assertNotEquals(ghost.validator(), phantom.validator());
        assertNotEquals(ghost, new FakeVerifiers(random).forUnknownUser("ghost"));
    }

    @Test
    void fakeValidatorIsAUsablePoint() throws Exception {
        EcSrp5Verifier ghost = fakes.forUnknownUser("ghost");
        assertTrue(EcSrp5Curve.contains(ghost.validator()));
        assertEquals(ghost, EcSrp5Verifier.fromEncoded(ghost.salt(), ghost.encodedValidator()));
    }
}
