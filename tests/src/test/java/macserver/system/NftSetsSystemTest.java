package macserver.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import macserver.system.peers.Netns;
import macserver.system.peers.ProcessRun;
import macserver.system.support.StdioFirmware;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The MAC server's nftables sets with the real nft in the router namespace: the operator's rule
 * drops IPv4 from MACs not in the allowed set, and ping from the client works only while its
 * MAC is bound. The operator made the table, the allowed set and the rule before the firmware
 * was told about them; the firmware creates the deny set itself and never touches the rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NftSetsSystemTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String OTHER = "02:00:00:00:00:42";

    private Netns net;
    private StdioFirmware firmware;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("macserver-nft");
        net = Netns.create(true);
        nft("add table inet macserver");
        nft("add set inet macserver allowed { type ether_addr; }");
        nft("add set inet macserver wrongtype { type ipv4_addr; }");
        nft("add chain inet macserver input { type filter hook input priority 0; policy accept; }");
        nft("add rule inet macserver input meta nfproto ipv4 ether saddr != @allowed drop");
        startFirmware();
        firmware.send("/system identity set name=test-router");
        cli("/ip mac-server add name=s nft-table=macserver nft-allow-set=allowed nft-deny-set=denied");
    }

    private void startFirmware() throws Exception {
        firmware = StdioFirmware.startIn(net.routerNamespace(), dir.resolve("flash.img"), "--interfaces=" + net.routerInterface());
        firmware.await("MAC server answering on " + net.routerInterface(), 60);
    }

    @AfterAll
    void stop() throws Exception {
        if (firmware != null) {
            firmware.close();
        }
        if (net != null) {
            net.close();
        }
    }

    private void cli(String line) throws Exception {
        firmware.send(line + "; /system identity get name");
        firmware.awaitLine("test-router", 30);
    }

    private String nft(String command) {
        return ProcessRun.check(LIMIT, net.inRouter("nft", command).toArray(String[]::new));
    }

    private String set(String name) {
        return nft("list set inet macserver " + name);
    }

    private void awaitSet(String name, Predicate<String> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String listing = set(name);
        while (!wanted.test(listing)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + "; set now:\n" + listing + "\ntranscript:\n" + firmware.transcript());
            }
            Thread.sleep(100);
            listing = set(name);
        }
    }

    /** Asks for nft-status until it contains {@code wanted} (it says "pending" while a sync runs). */
    private void awaitStatus(String wanted) throws Exception {
        String status = "";
        for (int i = 0; i < 100 && !status.contains(wanted); i++) {
            Thread.sleep(100);
            firmware.send("/ip mac-server get s nft-status");
            firmware.await("get s nft-status", 20);
            status = firmware.await("", 20);
        }
        assertTrue(status.contains(wanted), status + "\n" + firmware.transcript());
    }

    private boolean pings() {
        return net.runInClient(LIMIT, "ping", "-c", "1", "-W", "1", Netns.ROUTER_IPV4).exitStatus() == 0;
    }

    @Test
    @Order(1)
    void aBindingOpensTheOperatorsRuleAndItsRemovalClosesIt() throws Exception {
        assertFalse(pings(), "unbound MAC: the operator's rule drops it");
        cli("/ip mac-server binding add mac-address=" + net.clientMac() + " server=s");
        awaitSet("allowed", l -> l.contains(net.clientMac()), "bound MAC in the allowed set");
        assertTrue(pings(), "bound MAC passes");
        cli("/ip mac-server binding remove [find]");
        awaitSet("allowed", l -> !l.contains(net.clientMac()), "removed MAC out of the set");
        assertFalse(pings(), "removed MAC dropped again");
        assertTrue(nft("list chain inet macserver input").contains("ether saddr != @allowed drop"), "rule untouched");
    }

    @Test
    @Order(2)
    void aTimedBindingLeavesWhenItExpiresAndDenyGoesToTheDenySet() throws Exception {
        cli("/ip mac-server binding add mac-address=" + net.clientMac() + " server=s timeout=3s");
        cli("/ip mac-server binding add mac-address=" + OTHER + " server=s action=deny");
        awaitSet("allowed", l -> l.contains(net.clientMac()), "timed binding in the set");
        awaitSet("denied", l -> l.contains(OTHER), "deny binding in the deny set");
        assertFalse(set("allowed").contains(OTHER));
        awaitSet("allowed", l -> !l.contains(net.clientMac()), "expired binding out of the set");
    }

    @Test
    @Order(3)
    void aHandMadeChangeIsRepairedAndPrintShowsTheState() throws Exception {
        cli("/ip mac-server binding add mac-address=" + net.clientMac() + " server=s");
        awaitSet("allowed", l -> l.contains(net.clientMac()), "bound MAC in the set");
        nft("delete element inet macserver allowed { " + net.clientMac() + " }");
        nft("add element inet macserver denied { 02:00:00:00:00:77 }");
        cli("/ip mac-server binding add mac-address=02:00:00:00:00:43 server=s");
        awaitSet("allowed", l -> l.contains(net.clientMac()) && l.contains("02:00:00:00:00:43"), "repaired on the next sync");
        awaitSet("denied", l -> !l.contains("02:00:00:00:00:77"), "hand-added element removed");
        awaitStatus("in-sync allow=2 deny=1");
        assertTrue(pings());
    }

    @Test
    @Order(4)
    void aRestartRebuildsTheSetsFromFlash() throws Exception {
        firmware.finish(30);
        nft("flush set inet macserver allowed");
        assertFalse(set("allowed").contains(net.clientMac()));
        startFirmware();
        awaitSet("allowed", l -> l.contains(net.clientMac()) && l.contains("02:00:00:00:00:43"), "rebuilt after restart");
        assertTrue(pings());
    }

    @Test
    @Order(5)
    void aSetOfTheWrongTypeIsReportedAndTheMacServerGoesOn() throws Exception {
        cli("/ip mac-server set s nft-deny-set=wrongtype");
        awaitStatus("error: set inet macserver wrongtype has type ipv4_addr, not ether_addr");
        cli("/ip mac-server binding add mac-address=02:00:00:00:00:44 server=s");
        firmware.send("/ip mac-server binding print count-only");
        firmware.awaitLine("4", 20);
        assertFalse(set("wrongtype").contains("elements"), "the operator's set is left alone");
    }
}
