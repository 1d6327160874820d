package macserver.system.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * An onlooker on the broker (Eclipse Paho): subscribed to some topic filters before the test acts
 * (the constructor returns once the broker confirmed the subscriptions), it records every message
 * published there afterwards, so a test can tell what a router published and where.
 */
public final class TopicWatcher implements AutoCloseable {
    /** One message seen: its topic and payload as text. */
    public record Seen(String topic, String payload) {}

    private final MqttAsyncClient client;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public TopicWatcher(String uri, String clientId, String... filters) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MessageCallback((topic, m) ->
                seen.add(new Seen(topic, new String(m.getPayload(), StandardCharsets.UTF_8)))));
        client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        MqttSubscription[] subs = new MqttSubscription[filters.length];
        for (int i = 0; i < filters.length; i++) {
            subs[i] = new MqttSubscription(filters[i], 1);
            // Only what is published from now on: earlier retained messages are not the router's doing.
            subs[i].setRetainHandling(2);
        }
        client.subscribe(subs).waitForCompletion(10_000);
    }

    /** Waits up to {@code seconds} for a message that {@code wanted} accepts; null if none came. */
    public Seen await(Predicate<Seen> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (Seen s : seen) {
                if (wanted.test(s)) {
                    return s;
                }
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(20);
        }
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close(true);
    }
}
