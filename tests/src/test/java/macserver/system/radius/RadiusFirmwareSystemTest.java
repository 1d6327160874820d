package macserver.system.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import macserver.system.peers.ClientVersion;
import macserver.system.peers.FreeRadius;
import macserver.system.peers.MacPing;
import macserver.system.peers.MacTelnetClient;
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
 * The whole firmware in the router namespace of a veth pair, with a real FreeRADIUS 3.2 on that
 * namespace's loopback, against the real clients in the client namespace: MD5 logins (mactelnet
 * 0.4.4) by users who exist only in RADIUS, checked as CHAP; EC-SRP5 (0.6.1) refused for them;
 * RADIUS MAC authentication admitting and denying macping by MAC; and a RADIUS server that goes
 * down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RadiusFirmwareSystemTest {
    private static final String SECRET = "firmware-radius-secret";
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Pattern PROMPT = Pattern.compile("\\[[^\\]\\r\\n]+@radius-router\\] [^\\r\\n]*> ");
    /** Locally administered MACs the client end takes for the MAC authentication test. */
    private static final String ACCEPTED_MAC = "02:5a:00:00:00:01";
    private static final String REJECTED_MAC = "02:5a:00:00:00:02";

    private Netns net;
    private FreeRadius radius;
    private StdioFirmware firmware;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("macserver-radius-system");
        net = Netns.create(false);
        radius = FreeRadius.startIn(net.routerNamespace(), SECRET, List.of(
                new FreeRadius.User("carol", "carol-pw", List.of("Mikrotik-Group = \"full\"")),
                new FreeRadius.User("dave", "dave-pw", List.of()),
                new FreeRadius.User(ACCEPTED_MAC.toUpperCase(), ACCEPTED_MAC.toUpperCase(), List.of("Session-Timeout = 600"))));
        firmware = StdioFirmware.startIn(net.routerNamespace(), dir.resolve("flash.img"),
                "--interfaces=" + net.routerInterface());
        firmware.await("MAC server answering on " + net.routerInterface(), 60);
        cli("/system identity set name=radius-router");
        cli("/user set admin password=secret");
        // FreeRADIUS holds every reject back for its one-second reject_delay: wait longer than that.
        cli("/radius add address=127.0.0.1 authentication-port=" + radius.address().getPort() + " secret=" + SECRET
                + " service=login,mac-server timeout=1500ms");
        cli("/ip mac-server add name=radius-server authentication=local,radius radius-mac-auth=yes default=yes");
        cli("/ip mac-server binding add mac-address=" + net.clientMac() + " server=radius-server");
    }

    @AfterAll
    void stop() throws Exception {
        if (firmware != null) {
            firmware.close();
        }
        if (radius != null) {
            radius.close();
        }
        if (net != null) {
            net.close();
        }
    }

    private void cli(String line) throws Exception {
        firmware.send(line + "; /system identity get name");
        firmware.awaitLine(line.startsWith("/system identity set name=") ? line.substring(line.indexOf('=') + 1)
                : "radius-router", 30);
    }

    /** The line of {@code /radius monitor} for one counter, e.g. {@code accepts: 2}. */
    private long monitor(String counter) throws Exception {
        firmware.send("/radius print; /radius monitor 0 once");
        String line = firmware.await(counter + ": ", 30);
        long value = Long.parseLong(line.substring(line.indexOf(": ") + 2).trim());
        firmware.send("/system identity get name");
        firmware.awaitLine("radius-router", 30);
        return value;
    }

    private MacTelnetClient md5(String user, String password) {
        return MacTelnetClient.start(net, ClientVersion.V0_4_4, net.routerMac(), user, password);
    }

    @Test
    @Order(1)
    void md5LoginOfAUserOnlyInRadiusRunsACommandWithTheGroupRadiusNamed() throws Exception {
        try (MacTelnetClient c = md5("carol", "carol-pw")) {
            assertEquals(MacTelnetClient.Outcome.LOGGED_IN, c.login(PROMPT, LIMIT), c.transcript() + radius.logText());
            assertTrue(c.command("/system identity print", PROMPT, LIMIT).contains("name: radius-router"), c.transcript());
            String set = c.command("/ip mac-server set radius-server comment=from-carol", PROMPT, LIMIT);
            assertFalse(set.contains("not enough permissions"), "Mikrotik-Group full may write: " + set);
            c.sendLine("/quit");
            c.await(MacTelnetClient.CONNECTION_CLOSED, LIMIT);
        }
        assertTrue(radius.logText().contains("chap: Comparing with \"known good\" Cleartext-Password")
                || radius.logText().contains("Auth-Type = CHAP"), "checked as CHAP:\n" + radius.logText());
        assertEquals(1, monitor("accepts"));
    }

    @Test
    @Order(2)
    void withoutAGroupInTheAnswerTheDefaultGroupApplies() throws Exception {
        try (MacTelnetClient c = md5("dave", "dave-pw")) {
            assertEquals(MacTelnetClient.Outcome.LOGGED_IN, c.login(PROMPT, LIMIT), c.transcript());
            String set = c.command("/ip mac-server set radius-server comment=from-dave", PROMPT, LIMIT);
            assertTrue(set.contains("not enough permissions"), "default-group read may not write: " + set);
        }
    }

    @Test
    @Order(3)
    void wrongPasswordIsRejectedByRadius() throws Exception {
        long rejects = monitor("rejects");
        try (MacTelnetClient c = md5("carol", "not-carols")) {
            assertEquals(MacTelnetClient.Outcome.LOGIN_FAILED, c.login(PROMPT, LIMIT), c.transcript());
        }
        assertEquals(rejects + 1, monitor("rejects"), "an Access-Reject, not a timeout");
    }

    @Test
    @Order(4)
    void ecSrp5CannotBeCheckedByRadiusAndFailsCleanly() throws Exception {
        int before = radius.requests();
        try (MacTelnetClient c = MacTelnetClient.start(net, ClientVersion.V0_6_1, net.routerMac(), "carol", "carol-pw")) {
            assertEquals(MacTelnetClient.Outcome.LOGIN_FAILED, c.login(PROMPT, LIMIT), c.transcript());
        }
        firmware.await("EC-SRP5 login by carol refused", 30);
        assertEquals(before, radius.requests(), "nothing to ask RADIUS");
        // The same user with MD5 from the newer client (-o) gets in.
        try (MacTelnetClient c = MacTelnetClient.start(net, ClientVersion.V0_6_1, net.routerMac(), "carol", "carol-pw",
                MacTelnetClient.Options.DEFAULT.forceMd5(true))) {
            assertEquals(MacTelnetClient.Outcome.LOGGED_IN, c.login(PROMPT, LIMIT), c.transcript());
        }
    }

    @Test
    @Order(5)
    void macAuthenticationAdmitsTheMacRadiusAcceptsAndNotTheOneItRejects() throws Exception {
        String original = net.clientMac();
        try {
            setClientMac(ACCEPTED_MAC);
            int received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received == 0 && System.nanoTime() < deadline) {
                // The first pings knock; once RADIUS accepted, a dynamic binding lets the rest through.
                received = MacPing.ping(net, ClientVersion.V0_4_4, net.routerMac(), 2).received();
            }
            assertTrue(received > 0, "accepted MAC never answered:\n" + radius.logText());
            firmware.send("/ip mac-server binding print detail where mac-address=" + ACCEPTED_MAC.toUpperCase());
            assertTrue(firmware.await("timeout=", 30).contains("10m"), firmware.transcript());

            setClientMac(REJECTED_MAC);
            for (int i = 0; i < 3; i++) {
                assertEquals(0, MacPing.ping(net, ClientVersion.V0_4_4, net.routerMac(), 2).received(), "rejected MAC");
            }
            assertTrue(radius.logText().contains(REJECTED_MAC.toUpperCase()), "the rejected MAC was asked about");
            firmware.send("/ip mac-server binding print count-only where mac-address=" + REJECTED_MAC.toUpperCase());
            firmware.awaitLine("0", 30);
        } finally {
            setClientMac(original);
        }
    }

    private void setClientMac(String mac) {
        String ns = net.clientNamespace();
        ProcessRun.check(LIMIT, "ip", "-n", ns, "link", "set", net.clientInterface(), "down");
        ProcessRun.check(LIMIT, "ip", "-n", ns, "link", "set", net.clientInterface(), "address", mac);
        ProcessRun.check(LIMIT, "ip", "-n", ns, "link", "set", net.clientInterface(), "up");
    }

    @Test
    @Order(6)
    void withRadiusDownARadiusLoginFailsCleanlyAndLocalUsersStillGetIn() throws Exception {
        radius.stop();
        long timeouts = monitor("timeouts");
        try (MacTelnetClient c = md5("carol", "carol-pw")) {
            assertEquals(MacTelnetClient.Outcome.LOGIN_FAILED, c.login(PROMPT, LIMIT), c.transcript());
        }
        firmware.await("no RADIUS server answered for the login of carol", 30);
        assertEquals(timeouts + 1, monitor("timeouts"));
        try (MacTelnetClient c = MacTelnetClient.start(net, ClientVersion.V0_6_1, net.routerMac(), "admin", "secret")) {
            assertEquals(MacTelnetClient.Outcome.LOGGED_IN, c.login(PROMPT, LIMIT), c.transcript());
        }
    }
}
