package macserver.mqtt;

/**
 * The router's one broker connection as the features using it see it (the management agent,
 * fleet bindings). Keeps them free of Paho: they are tested against an in-memory link, and the
 * connection's traps (receive maximum, reconnects, session expiry) stay in one place.
 */
public interface MqttLink {

    /**
     * Queues a publish and returns at once. Returns false when the bounded outgoing queue is
     * full: the caller decides whether to retry later or drop, nothing blocks the caller.
     */
    boolean publish(String topic, byte[] payload, int qos, boolean retained);

    /**
     * Subscribes now (if connected) and again after every reconnect that lost the session.
     * Handlers run on the link's own worker thread, never on the client library's threads, one
     * message at a time in arrival order.
     */
    void subscribe(String topicFilter, int qos, Handler handler);

    /**
     * Like {@link #subscribe}, but at every connection the broker sends the retained messages
     * under the filter, even when the session kept the subscription ({@link #subscribe} gets them
     * only for a subscription new to the session). For state rebuilt from retained messages: what
     * an earlier run of the firmware received, acknowledged and had not stored when it was killed,
     * and what the broker dropped from the session's queue past its limit while the router was
     * away, are only in the retained messages then.
     */
    default void subscribeWithReplay(String topicFilter, int qos, Handler handler) {
        subscribe(topicFilter, qos, handler);
    }

    /** Stops delivery for a filter given to {@link #subscribe}. */
    void unsubscribe(String topicFilter);

    /**
     * Like {@link #publish(String, byte[], int, boolean)}, with MQTT 5 Correlation Data: how the
     * answer to a request is sent. A link without MQTT 5 properties sends it without.
     */
    default boolean publish(String topic, byte[] payload, int qos, boolean retained, byte[] correlationData) {
        return publish(topic, payload, qos, retained);
    }

    /**
     * Like {@link #subscribe}, and each message comes with its MQTT 5 Response Topic and
     * Correlation Data (null when absent). A link without MQTT 5 properties passes nulls.
     */
    default void subscribeRequests(String topicFilter, int qos, RequestHandler handler) {
        subscribe(topicFilter, qos, (topic, payload, retained) -> handler.onRequest(topic, payload, null, null, retained));
    }

    /** Receives the messages of one subscription. */
    @FunctionalInterface
    interface Handler {
        /** One message; {@code retained} is true for a retained message delivered on subscribe. */
        void onMessage(String topic, byte[] payload, boolean retained);
    }

    /** Receives requests: messages with their MQTT 5 request/response properties. */
    @FunctionalInterface
    interface RequestHandler {
        /** {@code retained} is true for a retained message the broker delivered because of the subscription. */
        void onRequest(String topic, byte[] payload, String responseTopic, byte[] correlationData, boolean retained);
    }
}
