package macserver.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import macserver.auth.EcSrp5ServerLogin;
import macserver.auth.EcSrp5TestClient;
import macserver.mactelnet.MacServer;
import macserver.mactelnet.MacServerConfig;
import macserver.mactelnet.MacServerCounters;
import macserver.mactelnet.MacServerCounters.Counter;
import macserver.mactelnet.RateLimit;

/**
 * The MAC-Telnet server at 1,000 sessions, in process and without sockets: EC-SRP5 logins per
 * second on one thread (the server's share, and with the client's math on the same thread)
 * against the EC-SRP5 math alone (the baseline, measured in the same run); then, with 1,000
 * logged-in idle sessions, the heap per session and the threads; then every session ends as its
 * client quits. The heap is measured right after the logins and again once the sessions have
 * been quiet long enough to give their terminal buffers back. Then the same with the firmware's
 * CLI as the terminal (JLine, banner, prompt) instead of one that prints nothing. Run with
 * {@code make bench}; arguments: the number of sessions, and {@code idle} or {@code cli} for one
 * kind only.
 */
public final class SessionScaleBenchmark {

    private static final int IF_INDEX = 1;
    private static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    private static final String USER = "admin";
    private static final char[] PASSWORD = "bench-secret".toCharArray();
    private static final int WARM_UP_LOGINS = 200;
    private static final int BASELINE_LOGINS = 500;
    /** Well inside the server's 15 s silence timeout, as the 0.x client's 10 s. */
    private static final long KEEPALIVE_NANOS = 5_000_000_000L;
    private static final long PHASE_LIMIT_NANOS = 300_000_000_000L;
    private static final long WAIT_LIMIT_MILLIS = 30_000;
    /** Past the sessions' 5 s quiet time after which they give their terminal buffers back. */
    private static final long QUIET_MILLIS = 6_500;

    private final int count;
    private final SecureRandom random = new SecureRandom();
    private final IdleTerminalHost host;
    private final MacServerConfig config;
    private final ClientWire wire = new ClientWire(IF_INDEX, SERVER_MAC);
    private final MacServer server;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private final boolean withCli;

    private SessionScaleBenchmark(int count, boolean withCli) throws Exception {
        this.count = count;
        this.withCli = withCli;
        IdleTerminalHost h = new IdleTerminalHost(USER, PASSWORD, count + 100, random);
        this.host = withCli ? h.withCli() : h;
        MacServerConfig d = MacServerConfig.DEFAULTS;
        // The defaults but room for everyone, and start limits that let one thread log in back to back.
        RateLimit open = new RateLimit(1_000_000, 1_000_000);
        this.config = new MacServerConfig(count + 100, d.maxHalfOpen(), d.maxHalfOpenPerMac(),
                d.authTimeLimitMillis(), d.silenceTimeoutMillis(), d.startsPerMac(), open, open, d.rateTableSize(),
                d.pingsPerPeriod(), d.mndpPeriodMillis(), d.inputBufferBytes(), d.outputBufferBytes(), d.maxDataBytes());
        // As the firmware runs it: the system clock and a virtual thread per terminal.
        this.server = new MacServer(host, config, InstantSource.system(), random,
                Thread.ofVirtual().name("mac-telnet-", 1).factory());
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        String kinds = args.length > 1 ? args[1] : "idle,cli";
        for (String kind : kinds.split(",")) {
            SessionScaleBenchmark bench = new SessionScaleBenchmark(count, kind.equals("cli"));
            bench.server.start(bench.wire);
            try {
                bench.run();
            } finally {
                bench.server.stop();
            }
        }
    }

    private void run() throws Exception {
        mathAlone(WARM_UP_LOGINS / 2);
        warmUp();
        Samples math = mathAlone(BASELINE_LOGINS);

        MacTelnetClient[] clients = clients(0x02_00_00_02_00_00L, count);
        long heapBefore = usedHeap();
        int threadsBefore = threads.getThreadCount();
        Samples inServer = new Samples(count);
        Samples whole = new Samples(count);
        long start = System.nanoTime();
        long nextKeepalive = start + KEEPALIVE_NANOS;
        int logged = 0;
        while (logged < count && System.nanoTime() - start < PHASE_LIMIT_NANOS) {
            long t0 = System.nanoTime();
            inServer.add(clients[logged].login(USER, PASSWORD, random));
            whole.add(System.nanoTime() - t0);
            logged++;
            if (System.nanoTime() >= nextKeepalive) {
                keepalives(clients, logged);
                nextKeepalive = System.nanoTime() + KEEPALIVE_NANOS;
            }
        }
        int loggedIn = logged;
        require(waitUntil(() -> host.runningTerminals() == loggedIn), "terminal threads did not all start");
        keepalives(clients, logged);
        long heapWith = usedHeap();
        int threadsWith = threads.getThreadCount();
        int sessionsHeld = server.sessionCount();
        int hostOpen = host.openSessions();
        int terminalsParked = host.runningTerminals();
        Thread.sleep(QUIET_MILLIS);
        keepalives(clients, logged);
        long heapQuiet = usedHeap();

        long endsBefore = wire.ends();
        long closeStart = System.nanoTime();
        for (int i = 0; i < logged; i++) {
            clients[i].end();
        }
        boolean closed = waitUntil(() -> server.sessionCount() == 0 && host.runningTerminals() == 0
                && host.openSessions() == 0);
        long closeNanos = System.nanoTime() - closeStart;

        int tenth = Math.max(1, logged / 10);
        double base = math.median(0, math.size());
        System.out.println();
        System.out.println("| EC-SRP5 login, one thread | median ms | mean ms | logins/s (1 / mean) | median / baseline |");
        System.out.println("|---|---|---|---|---|");
        row("EC-SRP5 math alone: serverKey + verify (baseline)", math, 0, math.size(), base);
        row("server's share of a login (time inside onFrame), 0 to " + logged + " sessions", inServer, 0, logged, base);
        row("server's share, first " + tenth + " logins (table near empty)", inServer, 0, tenth, base);
        row("server's share, last " + tenth + " logins (table near full)", inServer, logged - tenth, logged, base);
        row("whole login, the client's math on the same thread", whole, 0, logged, base);
        System.out.println();
        System.out.println("| " + logged + " logged-in idle sessions, terminal: "
                + (withCli ? "the firmware's CLI (JLine)" : "prints nothing") + " | value |");
        System.out.println("|---|---|");
        System.out.printf("| sessions held by the server | %d (host: %d open) |%n", sessionsHeld, hostOpen);
        System.out.printf("| heap per session, right after the logins | %,d bytes |%n",
                (heapWith - heapBefore) / Math.max(1, logged));
        System.out.printf("| heap per session, after %.1f s quiet | %,d bytes |%n", QUIET_MILLIS / 1000.0,
                (heapQuiet - heapBefore) / Math.max(1, logged));
        String mode = withCli ? ".cli" : "";
        Figures.record("session.heap-bytes" + mode, (heapWith - heapBefore) / (double) Math.max(1, logged));
        Figures.record("session.count" + mode, logged);
        System.out.printf("| limits of the terminal rings (input + output) | %,d bytes |%n",
                config.inputBufferBytes() + config.outputBufferBytes());
        System.out.printf("| heap for all sessions, after the quiet time | %.1f MiB |%n",
                (heapQuiet - heapBefore) / 1048576.0);
        System.out.printf("| platform threads, before / with the sessions | %d / %d |%n", threadsBefore, threadsWith);
        System.out.printf("| terminal threads (virtual) parked | %d |%n", terminalsParked);
        System.out.printf("| all ended by their clients | %s in %.0f ms (%d END answers, %d sessions left) |%n",
                closed ? "yes" : "NO", closeNanos / 1e6, wire.ends() - endsBefore, server.sessionCount());
        MacServerCounters c = server.counters();
        System.out.printf("| server counters | logins ok %d, failed %d, retransmits %d, timeouts %d, internal errors %d |%n",
                c.get(Counter.LOGINS_OK), c.get(Counter.LOGINS_FAILED), c.get(Counter.RETRANSMITS),
                c.get(Counter.TIMEOUTS), c.get(Counter.INTERNAL_ERRORS));
        require(logged == count, "only " + logged + " of " + count + " logins within the time limit");
        require(closed, "sessions still open after their clients ended them");
        require(wire.undecodable() == 0 && host.failedLogins() == 0, "the server sent bad packets or refused logins");
    }

    /** Logins that end at once, so the JIT has compiled the login path before anything is timed. */
    private void warmUp() throws Exception {
        MacTelnetClient[] warm = clients(0x02_00_00_01_00_00L, WARM_UP_LOGINS);
        long start = System.nanoTime();
        for (int i = 0; i < warm.length && System.nanoTime() - start < PHASE_LIMIT_NANOS; i++) {
            warm[i].login(USER, PASSWORD, random);
            warm[i].end();
        }
        require(waitUntil(() -> server.sessionCount() == 0 && host.runningTerminals() == 0),
                "warm-up sessions did not all end");
    }

    /**
     * Nanoseconds of each login's server EC-SRP5 steps alone, with the right proof, against the
     * host's verifier. The client's half (its key and proof) is made outside the timed parts.
     */
    private Samples mathAlone(int logins) throws Exception {
        Samples out = new Samples(logins);
        long start = System.nanoTime();
        for (int i = 0; i < logins && System.nanoTime() - start < PHASE_LIMIT_NANOS; i++) {
            EcSrp5TestClient client = new EcSrp5TestClient(USER, PASSWORD, random);
            byte[] clientKey = client.publicKey();
            long t0 = System.nanoTime();
            EcSrp5ServerLogin login = new EcSrp5ServerLogin(host.verifier(), random);
            byte[] serverKey = login.serverKey(clientKey);
            long t1 = System.nanoTime();
            byte[] proof = client.proof(serverKey);
            long t2 = System.nanoTime();
            boolean ok = login.verify(proof);
            out.add((t1 - t0) + (System.nanoTime() - t2));
            require(ok, "the baseline's proof did not verify");
        }
        return out;
    }

    private MacTelnetClient[] clients(long firstMac, int n) {
        MacTelnetClient[] out = new MacTelnetClient[n];
        for (int i = 0; i < n; i++) {
            out[i] = new MacTelnetClient(server, wire, IF_INDEX, SERVER_MAC, firstMac + i, i & 0xFFFF,
                    40_000 + i % 20_000);
        }
        // The CLI prints a banner and a prompt to each session, which its client acknowledges.
        wire.acknowledgeOthers((mac, end) -> {
            long i = mac - firstMac;
            if (i >= 0 && i < n) {
                out[(int) i].acknowledge(end);
            }
        });
        return out;
    }

    private static void keepalives(MacTelnetClient[] clients, int n) {
        for (int i = 0; i < n; i++) {
            clients[i].keepalive();
        }
    }

    /**
     * Median and mean of a range. The ratio uses medians: on a shared machine a GC pause or a
     * busy neighbour in a few logins moves a mean far more than the typical login.
     */
    private static void row(String what, Samples s, int from, int to, double baselineMedian) {
        double median = s.median(from, to);
        double mean = s.mean(from, to);
        System.out.printf("| %s | %.2f | %.2f | %,.0f | %.2f |%n", what, median / 1e6, mean / 1e6, 1e9 / mean,
                median / baselineMedian);
    }

    /** Waits up to {@link #WAIT_LIMIT_MILLIS} for the condition; whether it came true. */
    private static boolean waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_LIMIT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void require(boolean ok, String failure) {
        if (!ok) {
            throw new IllegalStateException("SessionScaleBenchmark: " + failure);
        }
    }

    /** Nanosecond timings, one per login, in order. */
    private static final class Samples {
        private final long[] values;
        private int size;

        Samples(int capacity) {
            values = new long[capacity];
        }

        void add(long nanos) {
            values[size++] = nanos;
        }

        int size() {
            return size;
        }

        double mean(int from, int to) {
            long sum = 0;
            for (int i = from; i < to; i++) {
                sum += values[i];
            }
            return sum / (double) Math.max(1, to - from);
        }

        double median(int from, int to) {
            long[] part = Arrays.copyOfRange(values, from, to);
            Arrays.sort(part);
            return part.length == 0 ? 0 : part[part.length / 2];
        }
    }
}
