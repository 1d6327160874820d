package macserver.system.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * An operator's MQTT 5 client (Eclipse Paho): sends requests with a Response Topic and
 * Correlation Data, and collects the answers by correlation. Its session persists across broker
 * restarts (clean start off, session expiry set) and it reconnects by itself.
 */
public final class PahoRequester implements AutoCloseable {
    private final String uri;
    private final String clientId;
    private volatile MqttAsyncClient client;
    private final String replyTopic;
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    public PahoRequester(String uri, String clientId) throws MqttException {
        this.uri = uri;
        this.clientId = clientId;
        this.replyTopic = "ctl/" + clientId + "/reply";
        connect();
    }

    /**
     * A new Paho client per connection (its 1.2.5 resends restored MQTT 5 in-flight messages
     * malformed); the broker keeps the session, so queued answers still arrive.
     */
    private synchronized void connect() throws MqttException {
        if (client != null && client.isConnected()) {
            return;
        }
        if (client != null) {
            client.close(true);
        }
        MqttAsyncClient c = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        c.setCallback(new MessageCallback((topic, m) -> {
            byte[] corr = m.getProperties() == null ? null : m.getProperties().getCorrelationData();
            if (corr != null) {
                answers.put(new String(corr, StandardCharsets.UTF_8), new String(m.getPayload(), StandardCharsets.UTF_8));
            }
        }));
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        o.setAutomaticReconnect(false);
        client = c;
        c.connect(o).waitForCompletion(10_000);
        c.subscribe(replyTopic, 1).waitForCompletion(10_000);
    }

    /** Reconnects if the connection was lost (quietly: the broker may still be down). */
    public void reconnect() {
        try {
            connect();
        } catch (MqttException e) {
            // Still down; the caller tries again.
        }
    }

    /**
     * Publishes one QoS 1 request; waits while disconnected or while the broker's receive
     * maximum is reached. Returns false if it could not be handed to the client within 60 s.
     */
    public boolean send(String topic, String payload, String correlation) throws InterruptedException {
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(replyTopic);
        p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        return publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, p));
    }

    /** Publishes one retained QoS 1 message (a fleet binding, say), waiting like {@link #send}. */
    public boolean publishRetained(String topic, String payload) throws InterruptedException {
        return publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, true, new MqttProperties()));
    }

    private boolean publish(String topic, MqttMessage message) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                client.publish(topic, message);
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT && client.isConnected()) {
                    throw new AssertionError("publish failed: " + e, e);
                }
                Thread.sleep(20);
                if (!client.isConnected()) {
                    Thread.sleep(200);
                    reconnect();
                }
            }
        }
        return false;
    }

    /** Waits until the broker has acknowledged every publish handed over so far; false after {@code seconds}. */
    public boolean awaitDelivered(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (client.getPendingTokens().length > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /** The answer to the request with {@code correlation}, waiting up to {@code seconds}; null if none. */
    public String answer(String correlation, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!answers.containsKey(correlation) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return answers.get(correlation);
    }

    public Map<String, String> answers() {
        return answers;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            // A burst of publishes (10,000 retained bindings) still unacknowledged by a busy broker holds
            // the DISCONNECT up: let them land first, with time to spare on a loaded machine.
            try {
                awaitDelivered(120);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.disconnect().waitForCompletion(30_000);
        }
        client.close(true);
    }
}
