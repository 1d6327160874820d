package macserver.system.peers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two network namespaces, the "router" and the "client", joined by one veth pair: a private
 * two-host Ethernet segment for MAC-Telnet tests. Needs root. Both ends and both loopbacks are
 * up. {@link #close()} kills what still runs inside and deletes both namespaces; a JVM shutdown
 * hook does the same for any left open, and {@link #sweepStale()} removes what a killed JVM left.
 *
 * <p>By default both ends get an IPv4 address ({@link #ROUTER_IPV4}, {@link #CLIENT_IPV4}, /24)
 * and a route for 255.255.255.255: the MAC-Telnet tools 0.4.4 and 0.6.1 only use interfaces that
 * have an IPv4 address (even macping and {@code mactelnet -n}), mactelnetd 0.4.4 refuses to start
 * without one, and the MNDP request of {@code mndp}/{@code mactelnet -l} fails with "Network is
 * unreachable" without a route for the limited broadcast. The addresses exist only inside the
 * namespaces.
 */
public final class Netns implements AutoCloseable {
    /** Every namespace this class makes is named {@code mtpeer-<jvm pid>-<n>-r|c}. */
    public static final String PREFIX = "mtpeer-";
    public static final String ROUTER_INTERFACE = "ether1";
    public static final String CLIENT_INTERFACE = "eth0";
    /** From TEST-NET-1 (RFC 5737): never routed anywhere, and here it lives inside the namespaces only. */
    public static final String ROUTER_IPV4 = "192.0.2.1";
    public static final String CLIENT_IPV4 = "192.0.2.2";

    private static final Duration IP_LIMIT = Duration.ofSeconds(20);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<Netns> OPEN = ConcurrentHashMap.newKeySet();
    private static final Pattern MAC = Pattern.compile("link/ether ([0-9a-f]{2}(?::[0-9a-f]{2}){5})");
    private static final Pattern OWN_NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+-[rc]");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(Netns::close), "netns-cleanup"));
    }

    private final String routerNs;
    private final String clientNs;
    private final String routerMac;
    private final String clientMac;
    private final boolean routerAddressed;
    private volatile boolean closed;

    private Netns(String routerNs, String clientNs, String routerMac, String clientMac, boolean routerAddressed) {
        this.routerNs = routerNs;
        this.clientNs = clientNs;
        this.routerMac = routerMac;
        this.clientMac = clientMac;
        this.routerAddressed = routerAddressed;
    }

    /** Both ends with IPv4 addresses: what mactelnetd 0.4.4 and all the clients need. */
    public static Netns create() {
        return create(true);
    }

    /**
     * @param routerIpv4 whether the router end gets {@link #ROUTER_IPV4}; the client end always
     *                   gets {@link #CLIENT_IPV4} because the clients need one. A MAC server that
     *                   works on raw frames can be tested without an address on its side.
     */
    public static Netns create(boolean routerIpv4) {
        requireRoot();
        sweepStale();
        String base = PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        String router = base + "-r";
        String client = base + "-c";
        List<String> made = new ArrayList<>();
        try {
            for (String ns : List.of(router, client)) {
                ProcessRun.check(IP_LIMIT, "ip", "netns", "add", ns);
                made.add(ns);
            }
            // Made inside the namespaces, so the names never meet the host's interfaces.
            ProcessRun.check(IP_LIMIT, "ip", "-n", router, "link", "add", ROUTER_INTERFACE, "type", "veth",
                    "peer", "name", CLIENT_INTERFACE, "netns", client);
            setUp(router, ROUTER_INTERFACE, routerIpv4 ? ROUTER_IPV4 : null);
            setUp(client, CLIENT_INTERFACE, CLIENT_IPV4);
            Netns netns = new Netns(router, client, macOf(router, ROUTER_INTERFACE), macOf(client, CLIENT_INTERFACE), routerIpv4);
            OPEN.add(netns);
            return netns;
        } catch (RuntimeException e) {
            made.forEach(Netns::delete);
            throw e;
        }
    }

    private static void setUp(String ns, String ifname, String ipv4) {
        ProcessRun.check(IP_LIMIT, "ip", "-n", ns, "link", "set", "lo", "up");
        ProcessRun.check(IP_LIMIT, "ip", "-n", ns, "link", "set", ifname, "up");
        if (ipv4 != null) {
            ProcessRun.check(IP_LIMIT, "ip", "-n", ns, "address", "add", ipv4 + "/24", "dev", ifname);
            ProcessRun.check(IP_LIMIT, "ip", "-n", ns, "route", "add", "255.255.255.255/32", "dev", ifname);
        }
    }

    private static String macOf(String ns, String ifname) {
        String link = ProcessRun.check(IP_LIMIT, "ip", "-n", ns, "-o", "link", "show", "dev", ifname);
        Matcher m = MAC.matcher(link);
        if (!m.find()) {
            throw new IllegalStateException("no MAC address on " + ifname + " in " + ns + ": " + link);
        }
        return m.group(1);
    }

    public String routerNamespace() {
        return routerNs;
    }

    public String clientNamespace() {
        return clientNs;
    }

    public String routerInterface() {
        return ROUTER_INTERFACE;
    }

    public String clientInterface() {
        return CLIENT_INTERFACE;
    }

    /** Lower-case, colon-separated, zero-padded: {@code 0a:1b:...}. */
    public String routerMac() {
        return routerMac;
    }

    public String clientMac() {
        return clientMac;
    }

    public boolean routerHasIpv4() {
        return routerAddressed;
    }

    /** {@code ip netns exec <router ns> command...} */
    public List<String> inRouter(String... command) {
        return in(routerNs, List.of(command));
    }

    public List<String> inRouter(List<String> command) {
        return in(routerNs, command);
    }

    /** {@code ip netns exec <client ns> command...} */
    public List<String> inClient(String... command) {
        return in(clientNs, List.of(command));
    }

    public List<String> inClient(List<String> command) {
        return in(clientNs, command);
    }

    public ProcessRun runInRouter(Duration limit, String... command) {
        return ProcessRun.run(limit, inRouter(command));
    }

    public ProcessRun runInClient(Duration limit, String... command) {
        return ProcessRun.run(limit, inClient(command));
    }

    private static List<String> in(String ns, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return full;
    }

    /** Whether both namespaces still exist. */
    public boolean exists() {
        List<String> names = namespaces();
        return names.contains(routerNs) && names.contains(clientNs);
    }

    /** Kills whatever still runs in either namespace, then deletes both. Safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        delete(routerNs);
        delete(clientNs);
    }

    /**
     * Deletes namespaces with this class's prefix whose JVM is gone (left by a killed test run).
     * Those of running JVMs, this one included, are left alone. Returns how many it deleted.
     */
    public static int sweepStale() {
        int deleted = 0;
        for (String ns : namespaces()) {
            Matcher m = OWN_NAME.matcher(ns);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                delete(ns);
                deleted++;
            }
        }
        return deleted;
    }

    /** Names from {@code ip netns list} (which prints "name" or "name (id: N)" per line). */
    public static List<String> namespaces() {
        return ProcessRun.check(IP_LIMIT, "ip", "netns", "list").lines()
                .filter(line -> !line.isBlank()).map(line -> line.split(" ")[0]).toList();
    }

    private static void delete(String ns) {
        // A process left inside would keep the namespace's interfaces alive after the name is gone.
        ProcessRun pids = ProcessRun.run(IP_LIMIT, "ip", "netns", "pids", ns);
        if (pids.succeeded()) {
            pids.output().lines().map(String::strip).filter(s -> s.matches("\\d+"))
                    .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
        }
        ProcessRun.run(IP_LIMIT, "ip", "netns", "del", ns);
    }

    static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name")) && !isUidZero()) {
            throw new IllegalStateException("network namespaces and the MAC-Telnet peers need root: run 'sudo make test'");
        }
    }

    private static boolean isUidZero() {
        try {
            return Integer.valueOf(0).equals(java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid"));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Netns[" + routerNs + " " + ROUTER_INTERFACE + " " + routerMac + " <-> " + clientNs + " "
                + CLIENT_INTERFACE + " " + clientMac + "]";
    }
}
