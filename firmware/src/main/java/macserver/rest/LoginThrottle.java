package macserver.rest;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;
import macserver.policy.LoginGuard;

/**
 * Failed REST logins per source address, and the lockout they lead to, as MAC-Telnet does per MAC
 * (the same defaults as {@code /ip mac-server}'s {@code login-retry} and {@code lockout-time}):
 * after {@link #RETRY} wrong passwords in a row a source is refused for {@link #LOCKOUT_SECONDS},
 * whatever it sends, so guessing runs at a few tries per lockout rather than at the speed of the
 * password check. IPv6 sources count by their /64, which one host usually holds whole.
 */
final class LoginThrottle {
    static final int RETRY = 5;
    static final long LOCKOUT_SECONDS = 300;
    private static final int SOURCES = 4096;

    private final LoginGuard guard;

    LoginThrottle(LongSupplier epochSeconds) {
        this.guard = new LoginGuard(epochSeconds, SOURCES);
    }

    /** Seconds the source must still wait, 0 when it may try to log in. */
    long lockoutLeft(InetAddress source) {
        return guard.lockoutLeft(key(source));
    }

    void failed(InetAddress source) {
        guard.failed(key(source), RETRY, LOCKOUT_SECONDS);
    }

    void succeeded(InetAddress source) {
        guard.succeeded(key(source));
    }

    /** IPv4 addresses above every IPv6 /64 a host would be given (the top 32 bits all ones). */
    static long key(InetAddress a) {
        byte[] b = a.getAddress();
        ByteBuffer buf = ByteBuffer.wrap(b);
        return b.length == 4 ? 0xFFFF_FFFF_0000_0000L | (buf.getInt() & 0xFFFF_FFFFL) : buf.getLong();
    }
}
