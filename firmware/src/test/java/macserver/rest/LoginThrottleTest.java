package macserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    @Test
    void fiveFailuresLockTheSourceOutForFiveMinutesAndThenItMayTryAgain() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < LoginThrottle.RETRY - 1; i++) {
            throttle.failed(a);
            assertEquals(0, throttle.lockoutLeft(a));
        }
        throttle.failed(a);
        assertEquals(300, throttle.lockoutLeft(a));
        assertEquals(0, throttle.lockoutLeft(InetAddress.getByName("192.0.2.2")), "another source is not locked");
        now.addAndGet(299);
        assertEquals(1, throttle.lockoutLeft(a));
        now.addAndGet(1);
        assertEquals(0, throttle.lockoutLeft(a));
    }

    @Test
    void aSuccessStartsTheCountAgain() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < LoginThrottle.RETRY - 1; i++) {
            throttle.failed(a);
        }
        throttle.succeeded(a);
        throttle.failed(a);
        assertEquals(0, throttle.lockoutLeft(a));
    }

    @Test
    void ipv6SourcesCountByTheirSlash64() throws Exception {
        assertEquals(LoginThrottle.key(InetAddress.getByName("2001:db8:1:2::1")),
                LoginThrottle.key(InetAddress.getByName("2001:db8:1:2:ffff::9")));
        assertNotEquals(LoginThrottle.key(InetAddress.getByName("2001:db8:1:2::1")),
                LoginThrottle.key(InetAddress.getByName("2001:db8:1:3::1")));
        assertNotEquals(LoginThrottle.key(InetAddress.getByName("0.0.0.1")), LoginThrottle.key(InetAddress.getByName("::1")));
    }
}
