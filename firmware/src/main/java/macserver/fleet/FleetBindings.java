package macserver.fleet;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.config.Change;
import macserver.config.ChangeListener;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Origin;
import macserver.config.menus.FleetMenus;
import macserver.config.menus.MacServerMenus.BindingRow;
import macserver.mqtt.FleetMembership;
import macserver.mqtt.MqttLink;

import static macserver.config.menus.FleetMenus.APPLIED;
import static macserver.config.menus.FleetMenus.DELETED;
import static macserver.config.menus.FleetMenus.NO_SERVER;
import static macserver.config.menus.FleetMenus.REMOVED;
import static macserver.config.menus.FleetMenus.SHADOWED;

/**
 * Fleet bindings: every router of a group applies the bindings published retained on the group's
 * topics as dynamic bindings, keeps them (with their versions) on flash, and converges after being
 * away. The broker is the only replication there is; this class decides what a router makes of it.
 *
 * <h2>Convergence</h2>
 * <ul>
 * <li>Last writer wins per MAC ({@link FleetMessage#supersedes}); a router that receives a version
 * older than the one it holds republishes its own, so the broker's retained message (which is
 * simply the last to arrive there) ends on the winner too.</li>
 * <li>Removal is a retained tombstone, not an empty retained message: an empty message leaves no
 * timestamp behind, so a router that had not seen it could neither order it against a concurrent
 * add nor learn of it at all after reconnecting. The tombstone's publisher clears it (an empty
 * retained message) once it is older than the tombstone lifetime; any router clears it after
 * twice that, in case its publisher is gone.</li>
 * <li>After a replay on subscribe the router sends a marker to its own sync topic; when it comes
 * back every retained message has been delivered. An entry the broker did not deliver is then
 * either a cleared tombstone (dropped here too), or a binding the broker lost (republished, if the
 * router was in sync less than half a tombstone lifetime ago, so nothing removed meanwhile can have
 * had its tombstone cleared), or a binding removed while the router was away longer than that
 * (dropped: the router cannot know better than the broker).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * The link's thread only parses and queues; one worker applies queued messages in batches of
 * {@link FleetOptions#batchSize()} per configuration transaction, so a replay of 10,000 retained
 * messages is a handful of flash transactions, and publishes on the link.
 */
public final class FleetBindings implements FleetMembership {
    private static final Logger LOG = Logger.getLogger(FleetBindings.class.getName());
    /** Publishing needs a set clock: 2020-01-01 in ms. A router that booted at the epoch would lose every edit. */
    private static final long CLOCK_SET = 1_577_836_800_000L;
    /** How far a version's timestamp may be ahead of this router's clock (clocks of a fleet differ a little). */
    static final long MAX_CLOCK_SKEW_MILLIS = TimeUnit.MINUTES.toMillis(10);
    private static final long WAIT_MILLIS = 1000;
    private static final long SWEEP_RETRY_MILLIS = TimeUnit.MINUTES.toMillis(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Outgoing(String topic, byte[] payload, boolean retained) {}

    private final ConfigModel model;
    private final MqttLink link;
    private final FleetOptions options;
    private final FleetTopics topics;
    private final FleetLedger ledger;
    private final FleetInbox inbox = new FleetInbox();
    private final ConcurrentLinkedDeque<Outgoing> outbox = new ConcurrentLinkedDeque<>();
    private final ChangeListener listener = this::committed;
    private final AtomicBoolean markerWanted = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;
    private volatile long lastMessage;
    private volatile long lastSync;
    private volatile String nonce = "";
    // Whether the marker in flight was sent after the current sweep began. Only such a marker ends
    // a sweep: one sent just before (by the periodic tick) may come back while the replay is still
    // arriving, and ending the sweep then would take the rest of the replay for missing entries.
    private volatile boolean nonceForSweep;
    private volatile boolean returnedForSweep;
    private volatile long lastReplayNanos;
    // Written by the worker, read by awaitIdle: when to send the next marker of a sweep whose
    // replay was not quiet yet (0: none).
    private volatile long remarkAtNanos;
    /** The link refused the head of the outbox at the last try (nothing was queued since). */
    private volatile boolean linkRefused;
    // Worker only, but nextTick, which tick() resets.
    private long nonceSentAt;
    // Taken when a sweep starts (MQTT thread), read when it ends (worker): a marker sent by the
    // periodic tick may end the sweep before the worker sees markerWanted.
    private volatile long syncBeforeSweep;
    private volatile long nextTick = Long.MIN_VALUE;

    private FleetBindings(ConfigModel model, MqttLink link, FleetOptions options) {
        this.model = model;
        this.link = link;
        this.options = options;
        this.topics = options.topics();
        this.ledger = new FleetLedger(model);
        this.lastSync = model.read(ledger::lastSync);
        this.worker = Thread.ofPlatform().daemon().name("fleet-bindings").unstarted(this::run);
    }

    /**
     * Joins the group: subscribes on {@code link} and applies what the broker holds. Call once the
     * model is mounted; {@link #close} leaves the group (the entries and bindings stay).
     */
    public static FleetBindings start(ConfigModel model, MqttLink link, FleetOptions options) {
        FleetBindings f = new FleetBindings(model, link, options);
        model.addListener(f.listener);
        // Subscribed before the worker sends its first marker, which must come back.
        link.subscribe(f.topics.sync(options.publisher()), 1, f::onSync);
        // A replay at every connection, even when the broker kept the session: a message is
        // acknowledged once queued here, so what an earlier run had queued but not committed when
        // it was killed is gone from the session; and a broker drops what the session's queue
        // cannot hold (mosquitto: 1,000 by default). Only the retained messages still have those.
        link.subscribeWithReplay(f.topics.bindingFilter(), 1, f::onBinding);
        f.worker.start();
        return f;
    }

    /**
     * Publishes a binding to the whole group (this router included). Its timestamp is this
     * router's clock, or just past the version held if that is ahead, so an edit made here always
     * wins over what this router has seen.
     */
    public FleetMessage publish(long mac, String server, String action, String comment) throws ConfigException {
        long ts = nextTimestamp(mac);
        FleetMessage m;
        try {
            m = FleetMessage.binding(mac, server, action, comment, ts, options.publisher());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("failure: " + e.getMessage());
        }
        send(m);
        return m;
    }

    /** Publishes a tombstone: the binding goes from every router of the group. */
    public FleetMessage unpublish(long mac) throws ConfigException {
        FleetMessage m;
        try {
            m = FleetMessage.tombstone(mac, nextTimestamp(mac), options.publisher());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("failure: " + e.getMessage());
        }
        send(m);
        return m;
    }

    private long nextTimestamp(long mac) throws ConfigException {
        long now = options.clock().getAsLong();
        if (now < CLOCK_SET) {
            throw new ConfigException("failure: the clock is not set; fleet versions are ordered by time");
        }
        FleetMessage held = model.read(() -> ledger.held(mac));
        return held == null ? now : Math.max(now, held.timestamp() + 1);
    }

    private void send(FleetMessage m) {
        queue(new Outgoing(topics.binding(m.mac()), m.encode(), true));
        // Applied here at once, so the router follows its own edit while the broker is away.
        inbox.message(m, false);
    }

    public FleetStatus status() {
        Map<String, Integer> c = model.read(ledger::counts);
        int entries = c.values().stream().mapToInt(Integer::intValue).sum();
        return new FleetStatus(topics.root(), entries, c.getOrDefault(APPLIED, 0), c.getOrDefault(SHADOWED, 0),
                c.getOrDefault(NO_SERVER, 0), c.getOrDefault(REMOVED, 0), c.getOrDefault(DELETED, 0), received.get(),
                ignored.get(), stale.get(), lastMessage, lastSync, outbox.size());
    }

    /** For {@code LiveStatus.fleetStatus}: the one row of {@code /ip mac-server fleet status}. */
    @Override
    public List<Object[]> statusRows() {
        return List.<Object[]>of(status().row(options.clock().getAsLong()));
    }

    /** Runs the periodic work (sync check, tombstone clearing) now rather than at the next interval. */
    public void tick() {
        nextTick = Long.MIN_VALUE;
        inbox.wake();
    }

    /**
     * Waits until everything received has been applied and everything to publish handed to the
     * link, or refused by it (then it is retried every second).
     */
    public void awaitIdle() throws InterruptedException {
        while (running) {
            inbox.awaitIdle();
            // Read in the reverse order of the worker's writes (remarkAtNanos is cleared only after
            // markerWanted is set, the outbox filled before nextTick): never a moment with neither.
            if (inbox.isIdle() && remarkAtNanos == 0 && !markerWanted.get() && nextTick != Long.MIN_VALUE
                    && (outbox.isEmpty() || linkRefused)) {
                return;
            }
            Thread.sleep(1);
        }
    }

    @Override
    public void close() {
        running = false;
        model.removeListener(listener);
        link.unsubscribe(topics.bindingFilter());
        link.unsubscribe(topics.sync(options.publisher()));
        inbox.wake();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the link's thread: parse and queue only ----

    private void onBinding(String topic, byte[] payload, boolean retained) {
        received.incrementAndGet();
        lastMessage = options.clock().getAsLong();
        long mac = topics.macOf(topic);
        if (mac < 0) {
            malformed(topic, "not a binding topic of the group");
            return;
        }
        if (payload.length == 0) {
            inbox.cleared(mac);
            return;
        }
        try {
            if (retained) {
                lastReplayNanos = System.nanoTime();
            }
            FleetMessage m = FleetMessage.decode(mac, payload);
            long now = options.clock().getAsLong();
            if (now >= CLOCK_SET && m.timestamp() > now + MAX_CLOCK_SKEW_MILLIS) {
                // Last writer wins: a version from the future would beat every real edit until then.
                malformed(topic, "timestamp " + m.timestamp() + " is more than " + MAX_CLOCK_SKEW_MILLIS / 60_000
                        + " minutes ahead of this router's clock");
                return;
            }
            if (inbox.message(m, retained)) {
                syncBeforeSweep = lastSync;
                markerWanted.set(true);
                inbox.wake();
            }
        } catch (FleetFormatException e) {
            malformed(topic, e.getMessage());
        } catch (RuntimeException e) {
            malformed(topic, e.toString());
        }
    }

    private void onSync(String topic, byte[] payload, boolean retained) {
        if (!nonce.isEmpty() && nonce.equals(new String(payload, StandardCharsets.UTF_8))) {
            returnedForSweep = nonceForSweep;
            inbox.syncReturned();
        }
    }

    private void malformed(String topic, String why) {
        long n = ignored.incrementAndGet();
        // Every message of a flood would drown the log: the 1st, 2nd, 4th, 8th... are enough.
        LOG.log((n & (n - 1)) == 0 ? Level.WARNING : Level.FINE,
                "fleet message on " + topic + " ignored (" + n + " so far): " + why);
    }

    /** Local commands on bindings and servers (under the model's write lock: queue only). */
    private void committed(List<Change> changes, Origin origin) {
        if (!running || FleetLedger.isFleet(origin)) {
            return;
        }
        for (Change c : changes) {
            if (c.menu() == ledger.serverMenu()) {
                inbox.serversChanged();
            } else if (c.menu() == ledger.bindingMenu()) {
                Long before = c.before() == null ? null : BindingRow.macAddress(c.before());
                Long after = c.after() == null ? null : BindingRow.macAddress(c.after());
                if (before != null && !before.equals(after) && ledger.state(before) != null) {
                    inbox.local(FleetInbox.Kind.GONE, before);
                }
                if (after != null && ledger.state(after) != null) {
                    boolean editOfOurs = before != null && before.equals(after) && APPLIED.equals(ledger.state(after))
                            && BindingRow.dynamic(c.after());
                    if (!editOfOurs) {
                        inbox.local(FleetInbox.Kind.PRESENT, after);
                    }
                }
            }
        }
    }

    // ---- the worker ----

    private void run() {
        while (running) {
            try {
                long now = options.clock().getAsLong();
                if (nextTick == Long.MIN_VALUE || now >= nextTick) {
                    tick(now);
                    nextTick = now + options.syncInterval().toMillis();
                }
                if (remarkAtNanos != 0 && System.nanoTime() - remarkAtNanos >= 0) {
                    markerWanted.set(true);
                    remarkAtNanos = 0;
                }
                if (markerWanted.get()) {
                    sendMarker(now);
                    // Cleared only once the marker is queued, so awaitIdle never sees neither.
                    markerWanted.set(false);
                }
                flushOutbox();
                long wait = remarkAtNanos == 0 ? WAIT_MILLIS
                        : Math.clamp((remarkAtNanos - System.nanoTime()) / 1_000_000 + 1, 1, WAIT_MILLIS);
                FleetInbox.Batch b = inbox.take(options.batchSize(), wait);
                try {
                    process(b);
                } finally {
                    inbox.done();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "fleet bindings worker", e);
            }
        }
        flushOutbox();
    }

    private void tick(long now) {
        long lifetime = options.tombstoneLifetime().toMillis();
        for (FleetMessage t : model.read(() -> ledger.versions(DELETED::equals))) {
            long age = now - t.timestamp();
            if ((t.publisher().equals(options.publisher()) && age > lifetime) || age > 2 * lifetime) {
                queue(new Outgoing(topics.binding(t.mac()), new byte[0], true));
            }
        }
        if (!inbox.isSweeping() || now - nonceSentAt > SWEEP_RETRY_MILLIS) {
            sendMarker(now);
        }
    }

    private void sendMarker(long now) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        nonceForSweep = inbox.isSweeping();
        nonce = HexFormat.of().formatHex(bytes);
        nonceSentAt = now;
        queue(new Outgoing(topics.sync(options.publisher()), nonce.getBytes(StandardCharsets.UTF_8), false));
    }

    private void queue(Outgoing o) {
        outbox.add(o);
        linkRefused = false;
    }

    private void flushOutbox() {
        for (Outgoing o = outbox.peek(); o != null; o = outbox.peek()) {
            // A full link queue: keep the rest for the next round rather than block or drop.
            if (!link.publish(o.topic(), o.payload(), 1, o.retained())) {
                linkRefused = true;
                return;
            }
            outbox.poll();
        }
    }

    private void process(FleetInbox.Batch b) {
        if (b.serversChanged()) {
            for (long mac : model.read(() -> ledger.macs(s -> APPLIED.equals(s) || NO_SERVER.equals(s)))) {
                inbox.local(FleetInbox.Kind.RECHECK, mac);
            }
        }
        if (!b.locals().isEmpty() || !b.messages().isEmpty() || !b.cleared().isEmpty()) {
            try {
                model.write(FleetMenus.ORIGIN, tx -> {
                    apply(tx, b.locals(), b.messages(), b.cleared());
                    return null;
                });
            } catch (ConfigException | RuntimeException e) {
                LOG.warning("fleet batch of " + (b.locals().size() + b.messages().size() + b.cleared().size())
                        + " refused (" + e.getMessage() + "); applying its items one by one");
                oneByOne(b);
            }
        }
        if (b.syncReturned()) {
            synced();
        }
    }

    /** Isolates what a whole batch could not take: each item stands or falls alone. */
    private void oneByOne(FleetInbox.Batch b) {
        for (FleetInbox.Local l : b.locals()) {
            applyAlone(List.of(l), List.of(), List.of());
        }
        for (FleetMessage m : b.messages()) {
            applyAlone(List.of(), List.of(m), List.of());
        }
        for (long c : b.cleared()) {
            applyAlone(List.of(), List.of(), List.of(c));
        }
    }

    private void applyAlone(List<FleetInbox.Local> locals, List<FleetMessage> messages, List<Long> cleared) {
        try {
            model.write(FleetMenus.ORIGIN, tx -> {
                apply(tx, locals, messages, cleared);
                return null;
            });
        } catch (ConfigException | RuntimeException e) {
            ignored.incrementAndGet();
            LOG.warning("fleet change not applied: " + e.getMessage() + " " + locals + messages + cleared);
        }
    }

    private void apply(macserver.config.Transaction tx, List<FleetInbox.Local> locals, List<FleetMessage> messages,
                       List<Long> cleared) throws ConfigException {
        // Local events first: a static binding removed just now must be seen gone before a message for its MAC.
        for (FleetInbox.Local l : locals) {
            switch (l.kind()) {
                case GONE -> ledger.localGone(tx, l.mac());
                case PRESENT -> ledger.localPresent(tx, l.mac());
                case RECHECK -> ledger.recheck(tx, l.mac());
                case FORGET -> ledger.forget(tx, l.mac());
            }
        }
        for (FleetMessage m : messages) {
            FleetLedger.Outcome outcome = ledger.offer(tx, m);
            if (outcome == FleetLedger.Outcome.STALE) {
                stale.incrementAndGet();
            }
            if (outcome == FleetLedger.Outcome.STALE || inbox.takeOvertaken(m.mac())) {
                FleetMessage held = ledger.held(m.mac());
                queue(new Outgoing(topics.binding(held.mac()), held.encode(), true));
            }
        }
        for (long c : cleared) {
            ledger.cleared(tx, c);
        }
    }

    /** The router's marker came back: everything sent before it has been delivered. */
    private void synced() {
        long now = options.clock().getAsLong();
        lastSync = now;
        try {
            model.write(FleetMenus.ORIGIN, tx -> {
                ledger.setLastSync(tx, now);
                return null;
            });
        } catch (ConfigException e) {
            LOG.warning("fleet sync time not stored: " + e.getMessage());
        }
        if (!inbox.isSweeping() || !returnedForSweep) {
            return;
        }
        long quiet = options.replayQuiet().toNanos();
        if (System.nanoTime() - lastReplayNanos < quiet) {
            // Replay messages still arriving: the marker overtook some. Ask again once it is quiet.
            remarkAtNanos = System.nanoTime() + quiet;
            return;
        }
        Set<Long> seen = inbox.endSweep();
        boolean recent = now - syncBeforeSweep <= options.tombstoneLifetime().toMillis() / 2;
        int republished = 0;
        int forgotten = 0;
        for (FleetMessage held : model.read(() -> ledger.versions(s -> true))) {
            if (seen.contains(held.mac())) {
                continue;
            }
            if (!held.deleted() && recent) {
                queue(new Outgoing(topics.binding(held.mac()), held.encode(), true));
                republished++;
            } else {
                inbox.local(FleetInbox.Kind.FORGET, held.mac());
                forgotten++;
            }
        }
        if (republished + forgotten > 0) {
            LOG.info("fleet replay done: " + republished + " entries the broker lacked republished, " + forgotten
                    + " dropped");
        }
    }
}
