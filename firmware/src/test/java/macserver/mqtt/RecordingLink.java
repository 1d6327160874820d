package macserver.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory link: records publishes and delivers test messages to the matching subscriptions. */
final class RecordingLink implements MqttLink {
    record Sent(String topic, String payload, int qos, boolean retained, byte[] correlation) {}

    final List<Sent> sent = new ArrayList<>();
    final Map<String, RequestHandler> requests = new LinkedHashMap<>();
    final Map<String, Handler> handlers = new LinkedHashMap<>();
    int capacity = Integer.MAX_VALUE;

    @Override
    public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        return publish(topic, payload, qos, retained, null);
    }

    @Override
    public boolean publish(String topic, byte[] payload, int qos, boolean retained, byte[] correlationData) {
        if (sent.size() >= capacity) {
            return false;
        }
        sent.add(new Sent(topic, new String(payload, java.nio.charset.StandardCharsets.UTF_8), qos, retained,
                correlationData));
        return true;
    }

    @Override
    public void subscribe(String topicFilter, int qos, Handler handler) {
        handlers.put(topicFilter, handler);
    }

    @Override
    public void subscribeRequests(String topicFilter, int qos, RequestHandler handler) {
        requests.put(topicFilter, handler);
    }

    @Override
    public void unsubscribe(String topicFilter) {
        handlers.remove(topicFilter);
        requests.remove(topicFilter);
    }

    /** Delivers a request as the broker would (to every matching request subscription). */
    void request(String topic, String payload, String responseTopic, byte[] correlation) {
        request(topic, payload, responseTopic, correlation, false);
    }

    /** The same, as the broker delivers a retained message to a new subscription when {@code retained}. */
    void request(String topic, String payload, String responseTopic, byte[] correlation, boolean retained) {
        requests.forEach((filter, h) -> {
            if (TopicFilter.matches(filter, topic)) {
                h.onRequest(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), responseTopic, correlation,
                        retained);
            }
        });
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    List<Sent> on(String topicPrefix) {
        return sent.stream().filter(s -> s.topic().startsWith(topicPrefix)).toList();
    }
}
