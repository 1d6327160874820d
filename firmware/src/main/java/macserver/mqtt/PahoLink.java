package macserver.mqtt;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The broker connection over Eclipse Paho's MQTT 5 client, with its traps handled on purpose:
 * in-flight messages stay in memory (no file per message on flash); the session has an explicit
 * expiry with clean start off, so QoS 1 requests queued while the router was away arrive after it
 * returns; publishes wait in our own bounded queue and are retried when the broker's receive
 * maximum is reached, so callers never see Paho's "too many publishes in progress"; connecting and
 * re-subscribing run on our own thread (never inside Paho's callbacks), with exponential backoff,
 * including the first connect that Paho's own automatic reconnect would never retry.
 *
 * <p>Incoming QoS 1 messages are acknowledged only after their handler ran, and the broker may
 * send at most {@link #RECEIVE_MAXIMUM} unacknowledged ones: a flood of requests waits at the
 * broker, not in the router's memory.
 */
public final class PahoLink implements MqttLink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PahoLink.class.getName());
    static final int OUTGOING_CAPACITY = 10_000;
    static final int INCOMING_CAPACITY = 256;
    /** Unacknowledged QoS 1/2 messages the broker may have outstanding towards the router. */
    static final int RECEIVE_MAXIMUM = 32;
    /**
     * MQTT 5 Maximum Packet Size sent at CONNECT: the largest request ({@link Request#MAX_BYTES})
     * with room for its topic and properties; fleet messages are smaller still (1 KiB). The broker
     * must not send anything larger (mosquitto drops it for this client), and Paho refuses one
     * that comes anyway before allocating it, so an oversized publish never reaches the heap.
     */
    static final long MAXIMUM_PACKET_SIZE = Request.MAX_BYTES + 4 * 1024;
    private static final long MIN_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final long GOODBYE_MS = 2_000;
    private static final long CONNECT_TIMEOUT_MS = 20_000;

    private record Outgoing(String topic, byte[] payload, int qos, boolean retained, byte[] correlation) {}

    private record Incoming(MqttAsyncClient from, String topic, MqttMessage message) {}

    /** {@code replay}: every SUBSCRIBE asks for the retained messages, even if the session has the subscription. */
    private record Subscription(int qos, Handler handler, RequestHandler requests, boolean replay) {}

    private final BlockingQueue<Outgoing> outgoing = new ArrayBlockingQueue<>(OUTGOING_CAPACITY);
    private final BlockingQueue<Incoming> incoming = new ArrayBlockingQueue<>(INCOMING_CAPACITY);
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final Object state = new Object();
    private final Object delivered = new Object();
    // Guarded by state:
    private LinkSettings wanted;
    private LinkSettings current;
    private MqttAsyncClient client;
    private boolean connected;
    private boolean closed;
    private final Thread supervisor;
    private final Thread sender;
    private final Thread worker;

    public PahoLink() {
        supervisor = Thread.ofPlatform().daemon().name("mqtt-connect").unstarted(this::supervise);
        sender = Thread.ofPlatform().daemon().name("mqtt-send").unstarted(this::send);
        worker = Thread.ofPlatform().daemon().name("mqtt-receive").unstarted(this::receive);
        supervisor.start();
        sender.start();
        worker.start();
    }

    /** Connects with {@code settings} (leaving the old broker cleanly if they changed), or disconnects with null. */
    public void configure(LinkSettings settings) {
        synchronized (state) {
            wanted = settings;
            state.notifyAll();
        }
    }

    public boolean isConnected() {
        synchronized (state) {
            return connected;
        }
    }

    /** Publishes refused because the outgoing queue was full. */
    public long refusedPublishes() {
        return refused.get();
    }

    @Override
    public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        return publish(topic, payload, qos, retained, null);
    }

    @Override
    public boolean publish(String topic, byte[] payload, int qos, boolean retained, byte[] correlationData) {
        if (outgoing.offer(new Outgoing(topic, payload.clone(), qos, retained, correlationData))) {
            return true;
        }
        refused.incrementAndGet();
        return false;
    }

    @Override
    public void subscribe(String topicFilter, int qos, Handler handler) {
        add(topicFilter, new Subscription(qos, handler, null, false));
    }

    @Override
    public void subscribeWithReplay(String topicFilter, int qos, Handler handler) {
        add(topicFilter, new Subscription(qos, handler, null, true));
    }

    @Override
    public void subscribeRequests(String topicFilter, int qos, RequestHandler handler) {
        add(topicFilter, new Subscription(qos, null, handler, false));
    }

    private void add(String filter, Subscription s) {
        subscriptions.put(filter, s);
        MqttAsyncClient c = connectedClient();
        if (c != null) {
            subscribeOn(c, filter, s);
        }
    }

    @Override
    public void unsubscribe(String topicFilter) {
        subscriptions.remove(topicFilter);
        MqttAsyncClient c = connectedClient();
        if (c != null) {
            try {
                c.unsubscribe(topicFilter);
            } catch (MqttException e) {
                LOG.fine("unsubscribe " + topicFilter + ": " + e.getMessage());
            }
        }
    }

    private MqttAsyncClient connectedClient() {
        synchronized (state) {
            return connected ? client : null;
        }
    }

    private static void subscribeOn(MqttAsyncClient c, String filter, Subscription s) {
        MqttSubscription sub = new MqttSubscription(filter, s.qos());
        // Retained messages only for a subscription the broker did not keep in the session, unless
        // a replay was asked for: then at every connection (0).
        sub.setRetainHandling(s.replay() ? 0 : 1);
        try {
            c.subscribe(new MqttSubscription[] {sub});
        } catch (MqttException | RuntimeException e) {
            LOG.warning("mqtt: subscribe " + filter + ": " + e.getMessage());
        }
    }

    // ---- connection supervisor ----

    private void supervise() {
        long backoff = MIN_BACKOFF_MS;
        while (true) {
            LinkSettings settings;
            MqttAsyncClient leaving = null;
            LinkSettings leavingSettings = null;
            synchronized (state) {
                while (!closed && ((wanted == null && client == null) || (connected && wanted == current))) {
                    waitOn(state, 0);
                }
                if (closed) {
                    leaving = client;
                    leavingSettings = current;
                    client = null;
                    connected = false;
                    state.notifyAll();
                } else if (client != null && wanted != current) {
                    leaving = client;
                    leavingSettings = current;
                    client = null;
                    current = null;
                    connected = false;
                }
                settings = wanted;
            }
            if (leaving != null) {
                goodbye(leaving, leavingSettings);
                backoff = MIN_BACKOFF_MS;
            }
            if (isClosed()) {
                return;
            }
            if (settings == null || leaving != null) {
                continue;
            }
            if (connect(settings)) {
                backoff = MIN_BACKOFF_MS;
            } else {
                synchronized (state) {
                    if (wanted == settings && !closed) {
                        waitOn(state, backoff + (long) (Math.random() * backoff / 4));
                    }
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private boolean isClosed() {
        synchronized (state) {
            return closed;
        }
    }

    private static void waitOn(Object monitor, long millis) {
        try {
            monitor.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean connect(LinkSettings s) {
        MqttAsyncClient old;
        synchronized (state) {
            old = client;
            client = null;
        }
        if (old != null) {
            // A fresh client for every connection: Paho 1.2.5 resends its restored in-flight MQTT 5
            // messages malformed after a reconnect (mosquitto drops the connection with "protocol
            // error", again and again). The broker keeps the session; what was in flight towards
            // the broker is lost, and requesters resend it (answered from the recent answers).
            try {
                old.close(true);
            } catch (MqttException e) {
                LOG.fine("mqtt: close: " + e.getMessage());
            }
        }
        MqttAsyncClient c;
        try {
            c = new MqttAsyncClient(s.broker().uri(), s.broker().clientId(), new MemoryPersistence());
            c.setManualAcks(true);
            c.setCallback(new Callback(c));
            synchronized (state) {
                client = c;
                current = s;
            }
            IMqttToken token = c.connect(options(s));
            token.waitForCompletion(CONNECT_TIMEOUT_MS);
            if (!c.isConnected()) {
                throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
            }
        } catch (MqttException | IOException | GeneralSecurityException | IllegalArgumentException e) {
            LOG.info("mqtt: cannot connect to " + s.broker() + ": " + e.getMessage());
            return false;
        }
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            subscribeOn(c, e.getKey(), e.getValue());
        }
        try {
            c.publish(s.statusTopic(), new MqttMessage(s.birth().get(), 1, true, new MqttProperties()));
        } catch (MqttException e) {
            LOG.fine("mqtt: status: " + e.getMessage());
        }
        synchronized (state) {
            connected = true;
            state.notifyAll();
        }
        LOG.info("mqtt: connected to " + s.broker());
        return true;
    }

    private static MqttConnectionOptions options(LinkSettings s) throws IOException, GeneralSecurityException {
        BrokerSettings b = s.broker();
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        // Paho leaves the property out when null, and the broker then ends the session at disconnect.
        o.setSessionExpiryInterval(LinkSettings.SESSION_EXPIRY_SECONDS);
        // Our supervisor reconnects; Paho's own would skip the first connect and re-subscribe inside its callback.
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(b.keepAliveSeconds());
        o.setConnectionTimeout(15);
        o.setReceiveMaximum(RECEIVE_MAXIMUM);
        o.setMaximumPacketSize(MAXIMUM_PACKET_SIZE);
        if (b.username() != null) {
            o.setUserName(b.username());
        }
        if (b.password() != null) {
            o.setPassword(b.password());
        }
        if (b.ssl() && b.caFile() != null) {
            o.setSocketFactory(TrustedCa.socketFactory(Path.of(b.caFile())));
        }
        o.setWill(s.statusTopic(), new MqttMessage(s.will(), 1, true, new MqttProperties()));
        o.setWillMessageProperties(new MqttProperties());
        return o;
    }

    /** Leaves a broker on purpose: status offline, then a normal DISCONNECT (which drops the Will). */
    private void goodbye(MqttAsyncClient c, LinkSettings s) {
        try {
            if (c.isConnected() && s != null) {
                c.publish(s.statusTopic(), new MqttMessage(s.will(), 1, true, new MqttProperties()))
                        .waitForCompletion(GOODBYE_MS);
                c.disconnect(GOODBYE_MS).waitForCompletion(GOODBYE_MS);
            }
        } catch (MqttException e) {
            LOG.fine("mqtt: disconnect: " + e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.fine("mqtt: close: " + e.getMessage());
        }
    }

    // ---- publishing ----

    private void send() {
        Outgoing o = null;
        while (true) {
            try {
                if (o == null) {
                    o = outgoing.take();
                }
            } catch (InterruptedException e) {
                return;
            }
            MqttAsyncClient c = awaitConnected();
            if (c == null) {
                return;
            }
            MqttProperties props = new MqttProperties();
            if (o.correlation() != null) {
                props.setCorrelationData(o.correlation());
            }
            try {
                c.publish(o.topic(), new MqttMessage(o.payload(), o.qos(), o.retained(), props));
                o = null;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    synchronized (delivered) {
                        waitOn(delivered, 100);
                    }
                } else if (c.isConnected()) {
                    LOG.warning("mqtt: publish to " + o.topic() + " dropped: " + e.getMessage());
                    o = null;
                } else {
                    markDisconnected(c);
                }
            } catch (IllegalArgumentException e) {
                LOG.warning("mqtt: publish to " + o.topic() + " dropped: " + e.getMessage());
                o = null;
            }
        }
    }

    private MqttAsyncClient awaitConnected() {
        synchronized (state) {
            while (!closed && !connected) {
                waitOn(state, 0);
            }
            return closed ? null : client;
        }
    }

    private void markDisconnected(MqttAsyncClient c) {
        synchronized (state) {
            if (client == c && connected) {
                connected = false;
                state.notifyAll();
            }
        }
    }

    // ---- receiving ----

    private void receive() {
        while (true) {
            Incoming in;
            try {
                in = incoming.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                dispatch(in);
            } catch (VirtualMachineError e) {
                // Unacknowledged, the message comes back on the next connection; a fresh one starts clean.
                LOG.log(Level.SEVERE, "mqtt: receiving failed, reconnecting", e);
                markDisconnected(in.from());
                continue;
            }
            if (in.message().getQos() > 0) {
                try {
                    in.from().messageArrivedComplete(in.message().getId(), in.message().getQos());
                } catch (MqttException | RuntimeException e) {
                    // The broker redelivers it on the next connection; handlers are idempotent.
                    LOG.fine("mqtt: ack: " + e.getMessage());
                }
            }
        }
    }

    private void dispatch(Incoming in) {
        MqttMessage m = in.message();
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            if (!TopicFilter.matches(e.getKey(), in.topic())) {
                continue;
            }
            Subscription s = e.getValue();
            try {
                if (s.handler() != null) {
                    s.handler().onMessage(in.topic(), m.getPayload(), m.isRetained());
                } else {
                    MqttProperties p = m.getProperties();
                    s.requests().onRequest(in.topic(), m.getPayload(), p == null ? null : p.getResponseTopic(),
                            p == null ? null : p.getCorrelationData(), m.isRetained());
                }
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "mqtt: handler for " + e.getKey() + " failed", ex);
            }
        }
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.info("mqtt: connection lost: " + response.getReasonString() + " "
                    + (response.getException() == null ? "" : response.getException().getMessage()));
            markDisconnected(owner);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.info("mqtt: " + exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            // Blocking here holds back Paho's reader: back-pressure to the broker, never unbounded memory.
            while (!incoming.offer(new Incoming(owner, topic, message), 1, TimeUnit.SECONDS)) {
                if (isClosed()) {
                    return;
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            synchronized (delivered) {
                delivered.notifyAll();
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // Nothing: the supervisor learns of the connection from its connect token.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication is configured.
        }
    }

    @Override
    public void close() {
        synchronized (state) {
            closed = true;
            state.notifyAll();
        }
        try {
            supervisor.join(3 * GOODBYE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        worker.interrupt();
    }
}
