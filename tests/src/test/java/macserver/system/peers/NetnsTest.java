package macserver.system.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The namespace pair itself (root only). */
@Timeout(60)
class NetnsTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @BeforeAll
    static void requireRoot() {
        Netns.requireRoot();
    }

    @Test
    void makesTwoJoinedNamespacesAndDeletesThemOnClose() throws Exception {
        Netns netns = Netns.create();
        Process sleeper = null;
        try {
            assertTrue(netns.exists());
            assertTrue(netns.routerNamespace().startsWith(Netns.PREFIX));
            assertNotEquals(netns.routerMac(), netns.clientMac());
            assertTrue(netns.routerMac().matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}"), netns.routerMac());
            String router = ProcessRun.check(LIMIT, netns.inRouter("ip", "-o", "link", "show", "dev", "ether1").toArray(String[]::new));
            assertTrue(router.contains("state UP") && router.contains(netns.routerMac()), router);
            String client = netns.runInClient(LIMIT, "ip", "-o", "address", "show", "dev", "eth0").output();
            assertTrue(client.contains(Netns.CLIENT_IPV4 + "/24"), client);
            // The client end's peer is in the router namespace, and the client sees no other interface.
            String clientLinks = netns.runInClient(LIMIT, "ip", "-o", "link", "show").output();
            assertTrue(clientLinks.contains("link-netns " + netns.routerNamespace()), clientLinks);
            assertEquals(2, clientLinks.lines().count(), clientLinks); // lo and eth0
            // Something still running inside does not keep the namespace alive.
            sleeper = new ProcessBuilder(netns.inRouter("sleep", "300")).start();
            // ip netns exec enters the namespace a moment after it starts: wait until it is inside.
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (ProcessRun.run(LIMIT, "ip", "netns", "pids", netns.routerNamespace()).output().isBlank()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            netns.close();
        }
        assertFalse(Netns.namespaces().contains(netns.routerNamespace()));
        assertFalse(Netns.namespaces().contains(netns.clientNamespace()));
        assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS), "the process inside was not ended");
        netns.close(); // twice is harmless
    }

    @Test
    void canLeaveTheRouterEndWithoutAnAddress() {
        try (Netns netns = Netns.create(false)) {
            assertFalse(netns.routerHasIpv4());
            assertFalse(netns.runInRouter(LIMIT, "ip", "-o", "-4", "address", "show", "dev", "ether1").output().contains("inet"));
        }
    }

    @Test
    void sweepsNamespacesOfJvmsThatAreGone() {
        String stale = Netns.PREFIX + "999999999-1-r"; // no such pid
        ProcessRun.check(LIMIT, "ip", "netns", "add", stale);
        try {
            assertEquals(1, Netns.sweepStale());
            assertFalse(Netns.namespaces().contains(stale));
        } finally {
            ProcessRun.run(LIMIT, "ip", "netns", "del", stale);
        }
    }
}
