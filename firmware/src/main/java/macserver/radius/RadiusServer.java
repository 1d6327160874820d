package macserver.radius;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One RADIUS server as the client uses it.
 *
 * @param timeout time before a request is sent again
 * @param source local address to send from, or null for any
 * @param requireMessageAuthenticator drop answers that carry no Message-Authenticator
 */
public record RadiusServer(InetSocketAddress address, byte[] secret, Duration timeout, InetAddress source,
        boolean requireMessageAuthenticator) {
    public RadiusServer {
        if (secret.length == 0) {
            throw new IllegalArgumentException("a RADIUS server needs a shared secret");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "RadiusServer[" + address + "]";
    }
}
