package macserver.mqtt;

import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code /iot mqtt brokers} entry as the link needs it. {@code password} is the clear
 * password, opened from its sealed form only for connecting; {@code caFile} is the PEM file of
 * the CA that signs the broker's certificate (null: the JDK's trusted CAs).
 */
public record BrokerSettings(String address, int port, boolean ssl, String caFile, String username, byte[] password,
                             String clientId, int keepAliveSeconds) {

    public String uri() {
        String host = address.indexOf(':') >= 0 && !address.startsWith("[") ? "[" + address + "]" : address;
        return (ssl ? "ssl://" : "tcp://") + host + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrokerSettings b && address.equals(b.address) && port == b.port && ssl == b.ssl
                && Objects.equals(caFile, b.caFile) && Objects.equals(username, b.username)
                && Arrays.equals(password, b.password) && clientId.equals(b.clientId)
                && keepAliveSeconds == b.keepAliveSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, port, ssl, caFile, username, Arrays.hashCode(password), clientId, keepAliveSeconds);
    }

    @Override
    public String toString() {
        // Never the password: settings end up in log lines.
        return uri() + " as " + clientId + (username == null ? "" : " (user " + username + ")");
    }
}
