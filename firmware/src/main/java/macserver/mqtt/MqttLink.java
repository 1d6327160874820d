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

    /** Stops delivery for a filter given to {@link #subscribe}. */
    void unsubscribe(String topicFilter);

    /** Receives the messages of one subscription. */
    @FunctionalInterface
    interface Handler {
        /** One message; {@code retained} is true for a retained message delivered on subscribe. */
        void onMessage(String topic, byte[] payload, boolean retained);
    }
}
