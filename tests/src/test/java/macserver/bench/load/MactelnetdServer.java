package macserver.bench.load;

import java.time.Duration;
import macserver.system.peers.Netns;
import macserver.system.peers.ProcessRun;
import macserver.system.peers.ReferenceServer;

/**
 * Debian's mactelnetd 0.4.4 in the router namespace (broadcast replies, its default), with one
 * throw-away Unix account for the MD5 logins; each session runs that account's /bin/sh.
 */
final class MactelnetdServer implements BenchServer {
    private final ReferenceServer server;
    private final Netns netns;
    private final long pid;

    private MactelnetdServer(ReferenceServer server, Netns netns, long pid) {
        this.server = server;
        this.netns = netns;
        this.pid = pid;
    }

    static MactelnetdServer start(Netns netns) {
        ReferenceServer server = ReferenceServer.start(netns, "mtbench" + ProcessHandle.current().pid() % 100000,
                "bench-pass", false);
        try {
            return new MactelnetdServer(server, netns, daemonPid(netns));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The daemon itself among the router namespace's processes (ip netns exec replaced itself with it). */
    private static long daemonPid(Netns netns) {
        String pids = ProcessRun.check(Duration.ofSeconds(10), "ip", "netns", "pids", netns.routerNamespace());
        return pids.lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong)
                .filter(p -> ProcessHandle.of(p).flatMap(h -> h.info().command()).orElse("").endsWith("mactelnetd"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no mactelnetd process in " + netns.routerNamespace()));
    }

    @Override
    public String name() {
        return "mactelnetd";
    }

    @Override
    public String mac() {
        return netns.routerMac();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isJvm() {
        return false;
    }

    @Override
    public String prompt() {
        return "$ ";
    }

    @Override
    public String user() {
        return server.user();
    }

    @Override
    public String password() {
        return server.password();
    }

    @Override
    public boolean isAlive() {
        return server.isAlive();
    }

    @Override
    public void close() {
        server.close();
    }
}
