package macserver.mqtt;

import java.util.function.Supplier;

/**
 * What the link connects with: the broker, and the router's status topic with the retained
 * message published after every connect ({@code birth}, made fresh each time so it carries the
 * current uptime) and the Last Will the broker publishes there when the router vanishes.
 */
public record LinkSettings(BrokerSettings broker, String statusTopic, Supplier<byte[]> birth, byte[] will) {
    /** The session outlives a day offline, so QoS 1 requests queued meanwhile are still delivered. */
    public static final long SESSION_EXPIRY_SECONDS = 86_400;
}
