package macserver.macplane;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class LoginWarmUpTest {

    @Test
    void theWarmUpChecksOutItsOwnThrowAwaySecret() {
        // It throws if unsealing or the MD5 check gave a wrong answer on the way.
        assertDoesNotThrow(LoginWarmUp::run);
    }
}
