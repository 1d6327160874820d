package macserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import macserver.config.Plane;
import macserver.users.LoginService;
import org.junit.jupiter.api.Test;

class LoginCacheTest {
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final LoginService service = new LoginService() {
        @Override
        public Outcome login(String user, char[] password, Plane via) {
            checks.incrementAndGet();
            assertEquals(Plane.REST, via);
            return user.equals("admin") && new String(password).equals("secret") ? Outcome.SUCCESS : Outcome.FAILURE;
        }

        @Override
        public void changePassword(String user, char[] newPassword) {
            throw new UnsupportedOperationException();
        }
    };
    private final LoginCache cache = new LoginCache(service, nanos::get, 1000);

    @Test
    void aSuccessIsRememberedUntilItExpiresOrIsCleared() {
        assertTrue(cache.login("admin", "secret"));
        assertTrue(cache.login("admin", "secret"));
        assertEquals(1, checks.get());
        nanos.addAndGet(1000);
        assertTrue(cache.login("admin", "secret"));
        assertEquals(2, checks.get());
        cache.clear();
        assertTrue(cache.login("admin", "secret"));
        assertEquals(3, checks.get());
    }

    @Test
    void failuresAndOtherPasswordsAreAlwaysChecked() {
        assertTrue(cache.login("admin", "secret"));
        assertFalse(cache.login("admin", "wrong"));
        assertFalse(cache.login("admin", "wrong"));
        assertFalse(cache.login("nobody", "secret"));
        assertEquals(4, checks.get());
    }
}
