package macserver.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import macserver.mqtt.MqttLink;

/**
 * An in-memory MQTT broker for tests: retained messages (an empty retained payload deletes one),
 * topic filters with {@code +} and {@code #}, per-client in-order delivery on the client's own
 * thread (as {@link MqttLink} promises), retained replay on subscribe (for a subscription new to
 * the session, or on request), clients that go away and come back with their session kept (missed
 * messages delivered) or lost (resubscribe, replay), and clients whose process dies and starts
 * again on the session it left ({@link #restart}).
 */
final class FakeBroker {
    private final TreeMap<String, byte[]> retained = new TreeMap<>();
    private final List<Link> links = new ArrayList<>();
    private int pending;

    synchronized Link connect(String clientId) {
        Link l = new Link(clientId);
        links.add(l);
        return l;
    }

    /** Publishes as an outside client would (an operator's mosquitto_pub). */
    synchronized void publish(String topic, byte[] payload, boolean retain) {
        if (retain) {
            if (payload.length == 0) {
                retained.remove(topic);
            } else {
                retained.put(topic, payload.clone());
            }
        }
        for (Link l : links) {
            l.offer(topic, payload, false);
        }
    }

    /**
     * The client's process died (kill -9, power cut) and a new one takes over its session, as a
     * broker sees it: the session's subscriptions and the messages it missed stay; what the old
     * process was sent counts as delivered; nothing of the old process goes anywhere any more.
     * The new link is away until {@link Link#reconnect}; its handlers come with its subscribes.
     */
    synchronized Link restart(Link old) {
        links.remove(old);
        old.dead = true;
        old.connected = false;
        Link l = new Link(old.clientId);
        old.subscriptions.keySet().forEach(f -> l.subscriptions.put(f, null));
        l.missed.addAll(old.missed);
        old.missed.clear();
        l.connected = false;
        links.add(l);
        return l;
    }

    synchronized byte[] retained(String topic) {
        return retained.get(topic);
    }

    synchronized Map<String, byte[]> retainedUnder(String prefix) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        retained.forEach((t, p) -> {
            if (t.startsWith(prefix)) {
                out.put(t, p);
            }
        });
        return out;
    }

    /** Loses every retained message (a broker restarted without persistence). */
    synchronized void forgetRetained() {
        retained.clear();
    }

    synchronized void awaitQuiet() throws InterruptedException {
        while (pending > 0) {
            wait();
        }
    }

    synchronized boolean isQuiet() {
        return pending == 0;
    }

    private synchronized void delivered() {
        if (--pending == 0) {
            notifyAll();
        }
    }

    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || (!f[i].equals("+") && !f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    private record Delivery(String topic, byte[] payload, boolean retained) {}

    /** One client's connection. Guarded by the broker's lock. */
    final class Link implements MqttLink {
        private final String clientId;
        // A filter with a null handler is a subscription the session kept from a dead process.
        private final Map<String, Handler> subscriptions = new LinkedHashMap<>();
        // Subscriptions whose retained messages go out at the next reconnect: new ones made while
        // away, and those that asked for a replay at every connection.
        private final Set<String> replayWanted = new LinkedHashSet<>();
        private final Set<String> replayAlways = new LinkedHashSet<>();
        private final ExecutorService thread;
        private final List<Delivery> missed = new ArrayList<>();
        private final List<Delivery> unsent = new ArrayList<>();
        private boolean connected = true;
        private boolean dead;
        private int queueLimit = Integer.MAX_VALUE;
        private int sessionLimit = Integer.MAX_VALUE;
        private long published;

        private Link(String clientId) {
            this.clientId = clientId;
            this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-mqtt-" + clientId));
        }

        @Override
        public boolean publish(String topic, byte[] payload, int qos, boolean retain) {
            synchronized (FakeBroker.this) {
                if (dead) {
                    return true;
                }
                if (!connected) {
                    if (unsent.size() >= queueLimit) {
                        return false;
                    }
                    unsent.add(new Delivery(topic, payload.clone(), retain));
                    return true;
                }
                published++;
                FakeBroker.this.publish(topic, payload, retain);
                return true;
            }
        }

        @Override
        public void subscribe(String filter, int qos, Handler handler) {
            subscribe(filter, handler, false);
        }

        @Override
        public void subscribeWithReplay(String filter, int qos, Handler handler) {
            subscribe(filter, handler, true);
        }

        /** Retained messages for a subscription new to the session (MQTT 5 retain handling 1), or always. */
        private void subscribe(String filter, Handler handler, boolean replayAlways) {
            synchronized (FakeBroker.this) {
                boolean kept = subscriptions.containsKey(filter);
                subscriptions.put(filter, handler);
                if (replayAlways) {
                    this.replayAlways.add(filter);
                }
                if (kept && !replayAlways) {
                    return;
                }
                if (connected) {
                    replay(filter);
                } else {
                    replayWanted.add(filter);
                }
            }
        }

        @Override
        public void unsubscribe(String filter) {
            synchronized (FakeBroker.this) {
                subscriptions.remove(filter);
                replayWanted.remove(filter);
                replayAlways.remove(filter);
            }
        }

        /** Publishes this client made while connected. */
        long published() {
            synchronized (FakeBroker.this) {
                return published;
            }
        }

        /** How many publishes the client queues while away before refusing more. */
        void setQueueLimit(int limit) {
            synchronized (FakeBroker.this) {
                queueLimit = limit;
            }
        }

        /** How many messages the broker keeps for the client's session while it is away; it drops the rest (mosquitto's max_queued_messages). */
        void setSessionLimit(int limit) {
            synchronized (FakeBroker.this) {
                sessionLimit = limit;
            }
        }

        void disconnect() {
            synchronized (FakeBroker.this) {
                connected = false;
            }
        }

        /** Back online: with the session kept, what it missed arrives; without, it resubscribes and gets the retained messages. */
        void reconnect(boolean sessionKept) {
            synchronized (FakeBroker.this) {
                connected = true;
                if (sessionKept) {
                    for (Delivery d : missed) {
                        enqueue(d);
                    }
                    replayWanted.addAll(replayAlways);
                    replayWanted.forEach(this::replay);
                } else {
                    for (String f : subscriptions.keySet()) {
                        replay(f);
                    }
                }
                missed.clear();
                replayWanted.clear();
                List<Delivery> out = new ArrayList<>(unsent);
                unsent.clear();
                for (Delivery d : out) {
                    published++;
                    FakeBroker.this.publish(d.topic(), d.payload(), d.retained());
                }
            }
        }

        void close() {
            synchronized (FakeBroker.this) {
                links.remove(this);
            }
            thread.shutdown();
        }

        private void replay(String filter) {
            retained.forEach((t, p) -> {
                if (matches(filter, t)) {
                    enqueue(new Delivery(t, p.clone(), true));
                }
            });
        }

        private void offer(String topic, byte[] payload, boolean retain) {
            boolean any = subscriptions.keySet().stream().anyMatch(f -> matches(f, topic));
            if (!any) {
                return;
            }
            Delivery d = new Delivery(topic, payload.clone(), retain);
            if (connected) {
                enqueue(d);
            } else if (missed.size() < sessionLimit) {
                missed.add(d);
            }
        }

        private void enqueue(Delivery d) {
            pending++;
            thread.execute(() -> {
                try {
                    List<Handler> targets = new ArrayList<>();
                    synchronized (FakeBroker.this) {
                        subscriptions.forEach((f, h) -> {
                            if (h != null && matches(f, d.topic())) {
                                targets.add(h);
                            }
                        });
                    }
                    for (Handler h : targets) {
                        h.onMessage(d.topic(), d.payload(), d.retained());
                    }
                } finally {
                    delivered();
                }
            });
        }

        @Override
        public String toString() {
            return "FakeLink[" + clientId + "]";
        }
    }
}
