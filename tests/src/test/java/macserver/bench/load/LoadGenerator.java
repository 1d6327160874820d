package macserver.bench.load;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator, run inside the client namespace (a JVM cannot change its network namespace):
 * {@code ip netns exec <ns> java ... LoadGenerator <if> <server-mac> <scenario> key=value...}.
 * Prints {@code result <name> <value>} lines for the caller to read, and nothing else on
 * standard output. Scenarios:
 * <ul>
 * <li>{@code login count= gap-ms=}: logins one after another, each from a new MAC, ended after;
 * <li>{@code ready seconds=}: a MAC-Ping every 200 ms until one is answered (mactelnetd 0.4.4
 *     answers nothing for a while after sessions end, so each scenario starts when it answers);
 * <li>{@code ping count= gap-ms=}: MAC-Pings, replies and round-trip times;
 * <li>{@code hold count= rate= checkpoints= pid= jvm=}: sessions logged in at {@code rate} per
 *     second and kept alive; the server's memory at each checkpoint;
 * <li>{@code echo count= seconds= interval-ms=}: busy sessions typing, keystroke echo latency;
 * <li>{@code flood rate= seconds= legit= gap-ms=}: SESSIONSTARTs from random MACs at
 *     {@code rate} per second while legitimate logins go on;
 * <li>{@code blast seconds= allow-base= deny-base= macs=}: MAC-Pings as fast as the socket sends.
 * </ul>
 * Common keys: {@code user= password= prompt= mac-base=} (hex; session MACs count up from it),
 * {@code started-file=} (created when the scenario starts, for a caller that must act while it runs:
 * a generator JVM takes a second or more to get there).
 */
public final class LoadGenerator {
    private static final long KEEPALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LoadWire wire;
    private final Map<String, String> options;
    private final String user;
    private final String password;
    private final String prompt;
    private final AtomicLong nextMac;
    /**
     * Session keys count up from a start that the MAC base picks (its third byte in the top four
     * bits), so runs with different bases never reuse a key: mactelnetd 0.4.4 ignored the first
     * starts of a run whose keys an earlier run had used.
     */
    private final AtomicInteger nextKey;
    /** The terminal output of the last failed login of each kind, for the log. */
    private final Map<LoadSession.Outcome, String> failures = new ConcurrentHashMap<>();

    private LoadGenerator(LoadWire wire, Map<String, String> options) {
        this.wire = wire;
        this.options = options;
        this.user = options.getOrDefault("user", "bench");
        this.password = options.getOrDefault("password", "bench");
        this.prompt = options.getOrDefault("prompt", "> ");
        this.nextMac = new AtomicLong(Long.parseLong(options.getOrDefault("mac-base", "024c00000000"), 16));
        this.nextKey = new AtomicInteger((int) (nextMac.get() >>> 24 & 0xF) << 12);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadGenerator <interface> <server-mac> <scenario> [key=value...]");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        long serverMac = Long.parseLong(args[1].replace(":", ""), 16);
        try (LoadWire wire = LoadWire.open(args[0], serverMac)) {
            LoadGenerator g = new LoadGenerator(wire, options);
            String started = options.get("started-file");
            if (started != null) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(started), args[2]);
            }
            switch (args[2]) {
                case "login" -> g.logins(g.integer("count", 50), g.integer("gap-ms", 50));
                case "ready" -> g.ready(g.integer("seconds", 30));
                case "ping" -> g.pings(g.integer("count", 50), g.integer("gap-ms", 20),
                        "yes".equals(g.options.get("intervals")));
                case "hold" -> g.hold(g.integer("count", 100), g.integer("rate", 20), g.options.getOrDefault("checkpoints", ""),
                        Long.parseLong(g.options.getOrDefault("pid", "0")), Boolean.parseBoolean(g.options.get("jvm")));
                case "echo" -> g.echo(g.integer("count", 100), g.integer("seconds", 10), g.integer("interval-ms", 100),
                        g.integer("lost-after-ms", 2000));
                case "flood" -> g.flood(g.integer("rate", 50_000), g.integer("seconds", 8), g.integer("legit", 20),
                        g.integer("gap-ms", 300));
                case "blast" -> g.blast(g.integer("seconds", 5), Long.parseLong(g.options.get("allow-base"), 16),
                        Long.parseLong(g.options.get("deny-base"), 16), g.integer("macs", 64));
                default -> throw new IllegalArgumentException("unknown scenario " + args[2]);
            }
            g.failures.forEach((o, tail) -> result("last-" + o.name().toLowerCase(Locale.ROOT) + "-output",
                    tail.replaceAll("[^ -~]", ".")));
            result("sent-frames", wire.sent());
            result("send-errors", wire.sendErrors());
            result("server-packets", wire.serverPackets());
        }
        System.exit(0);
    }

    private int integer(String key, int fallback) {
        String v = options.get(key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    static void result(String name, Object value) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value);
        synchronized (System.out) {
            System.out.println("result " + name + " " + text);
            System.out.flush();
        }
    }

    private LoadSession newSession() {
        int key = nextKey.getAndIncrement() & 0xFFFF;
        return new LoadSession(wire, nextMac.getAndIncrement(), key, 1024 + (key & 1023));
    }

    /** Logs one session in; its time goes to {@code times} if it succeeded. */
    private LoadSession.Outcome timedLogin(LoadSession s, LatencySamples times) throws InterruptedException {
        long t0 = System.nanoTime();
        LoadSession.Outcome o = s.login(user, password, prompt);
        if (o == LoadSession.Outcome.LOGGED_IN) {
            times.add(System.nanoTime() - t0);
        }
        return o;
    }

    private static void outcomes(String prefix, Map<LoadSession.Outcome, Integer> counts) {
        for (LoadSession.Outcome o : LoadSession.Outcome.values()) {
            result(prefix + o.name().toLowerCase(Locale.ROOT).replace('_', '-'), counts.getOrDefault(o, 0));
        }
    }

    private void logins(int count, int gapMillis) throws InterruptedException {
        LatencySamples times = new LatencySamples();
        String[] stepNames = {"start", "salt", "auth", "prompt"};
        LatencySamples[] steps = new LatencySamples[stepNames.length];
        Arrays.setAll(steps, i -> new LatencySamples());
        LatencySamples promptPackets = new LatencySamples();
        Map<LoadSession.Outcome, Integer> outcomes = new EnumMap<>(LoadSession.Outcome.class);
        String lastFailure = "";
        for (int i = 0; i < count; i++) {
            LoadSession s = newSession();
            LoadSession.Outcome o = timedLogin(s, times);
            outcomes.merge(o, 1, Integer::sum);
            if (o != LoadSession.Outcome.LOGGED_IN) {
                lastFailure = o + " output=" + s.outputTail().replaceAll("[^ -~]", ".");
            } else {
                long[] took = s.loginSteps();
                for (int step = 0; step < steps.length; step++) {
                    steps[step].add(took[step]);
                }
                promptPackets.add(took[steps.length]);
            }
            s.end();
            Thread.sleep(gapMillis);
        }
        outcomes("login-", outcomes);
        // Where a login's time goes, step by step (p50 and p99 of each).
        for (int i = 0; i < steps.length; i++) {
            result("login-" + stepNames[i] + "-p50-ms", steps[i].millis(50));
            result("login-" + stepNames[i] + "-p99-ms", steps[i].millis(99));
        }
        result("login-prompt-packets-p50", promptPackets.percentile(50));
        result("login-p50-ms", times.millis(50));
        result("login-p99-ms", times.millis(99));
        result("login-max-ms", times.millis(100));
        if (!lastFailure.isEmpty()) {
            result("login-last-failure", lastFailure);
        }
    }

    private void ready(int seconds) throws InterruptedException {
        CountDownLatch answered = new CountDownLatch(1);
        wire.onPongs((type, counter, payload, nanos) -> answered.countDown());
        long mac = nextMac.get();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        do {
            wire.ping(mac, new byte[38]);
        } while (!answered.await(200, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
        result("ready", answered.getCount() == 0);
        result("ready-ms", (System.nanoTime() - start) / 1e6);
    }

    /**
     * A PING every {@code gapMillis}; with {@code intervals}, also each round trip as
     * {@code sent:rtt} in System.nanoTime() nanoseconds (the machine's monotonic clock, which
     * other processes here read too), so a benchmark can line them up with the server's own log.
     */
    private void pings(int count, int gapMillis, boolean intervals) throws InterruptedException {
        LatencySamples rtt = new LatencySamples();
        StringBuffer trips = new StringBuffer();
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        AtomicInteger replies = new AtomicInteger();
        AtomicInteger unequal = new AtomicInteger();
        long mac = nextMac.getAndIncrement();
        wire.onPongs((type, counter, payload, nanos) -> {
            if (payload.length < 8) {
                unequal.incrementAndGet();
                return;
            }
            Long at = sentAt.remove(ByteBuffer.wrap(payload).getLong(0));
            if (at == null) {
                unequal.incrementAndGet();
            } else {
                replies.incrementAndGet();
                rtt.add(nanos - at);
                if (intervals) {
                    trips.append(trips.isEmpty() ? "" : ",").append(at).append(':').append(nanos - at);
                }
            }
        });
        for (long i = 0; i < count; i++) {
            byte[] payload = new byte[38];
            ByteBuffer.wrap(payload).putLong(i);
            sentAt.put(i, System.nanoTime());
            wire.ping(mac, payload);
            Thread.sleep(gapMillis);
        }
        Thread.sleep(1000);
        result("ping-sent", count);
        result("ping-replies", replies.get());
        result("ping-unmatched", unequal.get());
        result("ping-loss-percent", 100.0 * (count - replies.get()) / count);
        result("ping-p50-ms", rtt.millis(50));
        result("ping-p99-ms", rtt.millis(99));
        result("ping-max-ms", rtt.millis(100));
        if (intervals) {
            result("ping-intervals", trips);
        }
    }

    /** Sessions logged in at {@code rate} per second, each kept alive on its own virtual thread until {@code stop}. */
    private List<LoadSession> startHeld(int count, int rate, AtomicBoolean stop, LatencySamples times,
            Map<LoadSession.Outcome, Integer> outcomes, SessionWork work) throws InterruptedException {
        List<LoadSession> live = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(count);
        long gap = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            LoadSession s = newSession();
            Thread.ofVirtual().start(() -> {
                try {
                    LoadSession.Outcome o = timedLogin(s, times);
                    synchronized (outcomes) {
                        outcomes.merge(o, 1, Integer::sum);
                    }
                    if (o != LoadSession.Outcome.LOGGED_IN) {
                        failures.put(o, s.outputTail());
                        s.end();
                        done.countDown();
                        return;
                    }
                    live.add(s);
                    done.countDown();
                    while (!stop.get() && !s.ended()) {
                        work.run(s);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            next += gap;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        done.await(60, TimeUnit.SECONDS);
        return live;
    }

    /** What a held session does in its loop; returns after a short while. */
    @FunctionalInterface
    private interface SessionWork {
        void run(LoadSession s) throws InterruptedException;
    }

    private static void idle(LoadSession s) throws InterruptedException {
        s.keepaliveIfQuiet(KEEPALIVE_NANOS);
        Thread.sleep(500);
    }

    private void hold(int count, int rate, String checkpoints, long pid, boolean jvm) throws Exception {
        List<Integer> marks = new ArrayList<>(List.of(0));
        for (String c : checkpoints.split(",")) {
            if (!c.isBlank() && Integer.parseInt(c) > 0 && Integer.parseInt(c) <= count) {
                marks.add(Integer.parseInt(c));
            }
        }
        if (!marks.contains(count)) {
            marks.add(count);
        }
        AtomicBoolean stop = new AtomicBoolean();
        LatencySamples times = new LatencySamples();
        Map<LoadSession.Outcome, Integer> outcomes = new EnumMap<>(LoadSession.Outcome.class);
        List<LoadSession> all = new ArrayList<>();
        int previous = 0;
        for (int mark : marks) {
            if (mark > previous) {
                all.addAll(startHeld(mark - previous, rate, stop, times, outcomes, LoadGenerator::idle));
                previous = mark;
            }
            Thread.sleep(2000); // let the terminals print their prompts and settle
            long alive = all.stream().filter(s -> !s.ended()).count();
            result("hold-" + mark + "-sessions", alive);
            if (pid > 0) {
                result("hold-" + mark + "-rss", ProcessMemory.rss(pid));
                result("hold-" + mark + "-tree-rss", ProcessMemory.treeRss(pid));
                result("hold-" + mark + "-tree-pss", ProcessMemory.treePss(pid));
                if (jvm) {
                    result("hold-" + mark + "-heap", ProcessMemory.heapAfterGc(pid));
                }
            }
        }
        // Still there after a full silence timeout's worth of keepalives?
        Thread.sleep(16_000);
        result("hold-still-alive", all.stream().filter(s -> !s.ended()).count());
        outcomes("hold-login-", outcomes);
        stop.set(true);
        Thread.sleep(1000);
        all.forEach(LoadSession::end);
    }

    /** {@code lostAfterMillis}: an echo later than this counts as lost (a benchmark's bound, not a protocol's). */
    private void echo(int count, int seconds, int intervalMillis, int lostAfterMillis) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean measuring = new AtomicBoolean();
        LatencySamples echoes = new LatencySamples();
        AtomicLong lost = new AtomicLong();
        // Of the lost: the keystroke itself never acknowledged, as opposed to acknowledged and never echoed.
        AtomicLong unacknowledged = new AtomicLong();
        Map<LoadSession.Outcome, Integer> outcomes = new EnumMap<>(LoadSession.Outcome.class);
        byte[][] keys = {{'x'}, {0x7f}}; // a character, then rub it out: the line never grows
        List<LoadSession> live = startHeld(count, 20, stop, new LatencySamples(), outcomes, s -> {
            long start = System.nanoTime();
            for (int k = 0; !stop.get() && !s.ended(); k++) {
                long latency = s.keystroke(keys[k & 1], lostAfterMillis);
                if (measuring.get()) {
                    if (latency < 0) {
                        lost.incrementAndGet();
                        if (latency == LoadSession.NOT_ACKNOWLEDGED) {
                            unacknowledged.incrementAndGet();
                        }
                    } else {
                        echoes.add(latency);
                    }
                }
                // Spread the sessions' keystrokes evenly instead of all at once.
                long wait = start + (k + 1) * TimeUnit.MILLISECONDS.toNanos(intervalMillis) - System.nanoTime();
                LockSupport.parkNanos(Math.max(0, wait) + java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000));
                s.drain();
            }
        });
        Thread.sleep(2000);
        measuring.set(true);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        measuring.set(false);
        stop.set(true);
        Thread.sleep(2500);
        outcomes("echo-login-", outcomes);
        result("echo-sessions", live.size());
        result("echo-keystrokes", echoes.count());
        result("echo-lost", lost.get());
        result("echo-lost-unacknowledged", unacknowledged.get());
        result("echo-p50-ms", echoes.millis(50));
        result("echo-p99-ms", echoes.millis(99));
        live.forEach(LoadSession::end);
    }

    private void flood(int rate, int seconds, int legit, int gapMillis) throws InterruptedException {
        SpoofFlood flood = new SpoofFlood(wire, rate);
        Thread flooder = Thread.ofPlatform().name("flood").start(() -> flood.run(TimeUnit.SECONDS.toNanos(seconds)));
        Thread.sleep(1000);
        LatencySamples times = new LatencySamples();
        Map<LoadSession.Outcome, Integer> outcomes = new EnumMap<>(LoadSession.Outcome.class);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds - 1);
        int tried = 0;
        while (tried < legit && System.nanoTime() < end) {
            LoadSession s = newSession();
            outcomes.merge(timedLogin(s, times), 1, Integer::sum);
            s.end();
            tried++;
            Thread.sleep(gapMillis);
        }
        flooder.join();
        result("flood-frames", flood.sent());
        result("flood-rate", flood.sent() / flood.seconds());
        result("flood-legit-tried", tried);
        outcomes("flood-legit-", outcomes);
        result("flood-login-p50-ms", times.millis(50));
        result("flood-login-p99-ms", times.millis(99));
    }

    /** PINGs as fast as one thread sends them, from {@code macs} allowed and {@code macs} denied MACs in turn. */
    private void blast(int seconds, long allowBase, long denyBase, int macs) {
        byte[] payload = new byte[38];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        long n = 0;
        while ((n & 255) != 0 || System.nanoTime() < deadline) {
            long base = (n & 1) == 0 ? allowBase : denyBase;
            wire.ping(base + (n >>> 1) % macs, payload);
            n++;
        }
        double took = (System.nanoTime() - start) / 1e9;
        result("blast-frames", n);
        result("blast-seconds", took);
        result("blast-rate", n / took);
    }
}
