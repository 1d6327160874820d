package macserver.system.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the peer harness against the reference server, mactelnetd 0.4.4, before the firmware
 * relies on it: one namespace pair and one mactelnetd for the whole class (root only).
 */
@Timeout(90)
class ReferenceServerHarnessTest {
    private static final Duration LOGIN_LIMIT = Duration.ofSeconds(15);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(10);
    private static final String PASSWORD = "s3cret-pass";

    private static Netns netns;
    private static ReferenceServer server;

    @BeforeAll
    static void startReferenceServer() {
        Netns.requireRoot();
        ClientVersion.V0_4_4.require();
        ClientVersion.V0_6_1.require();
        netns = Netns.create();
        try {
            server = ReferenceServer.start(netns, "mtref" + ProcessHandle.current().pid(), PASSWORD, false);
        } catch (RuntimeException e) {
            netns.close();
            throw e;
        }
    }

    @AfterAll
    static void stopReferenceServer() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (netns != null) {
                netns.close();
                assertFalse(Netns.namespaces().contains(netns.routerNamespace()), "router namespace left behind");
                assertFalse(Netns.namespaces().contains(netns.clientNamespace()), "client namespace left behind");
            }
        }
    }

    @AfterEach
    void serverSurvived() {
        assertTrue(server.isAlive(), "mactelnetd ended (status " + server.exitStatus() + ")");
    }

    @Test
    void macpingGetsOneReplyPerPingFromBothClientVersions(@TempDir Path dir) throws Exception {
        try (Capture capture = Capture.onRouter(netns, dir.resolve("ping.pcap"), "udp")) {
            MacPing.Result old = MacPing.ping(netns, ClientVersion.V0_4_4, server.mac(), 3);
            MacPing.Result recent = MacPing.ping(netns, ClientVersion.V0_6_1, server.mac(), 2);
            String seen = old.run().describe() + "\n" + recent.run().describe() + "\n" + capture.stop().stream()
                    .map(p -> p.microsecond() + " " + p.sourceIp() + ":" + p.sourcePort() + " > " + p.destinationPort() + " " + p.payloadHex())
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertEquals(3, old.transmitted(), seen);
            assertEquals(3, old.received(), seen);
            assertEquals(0, old.lossPercent(), seen);
            assertEquals(3, old.replies().size(), seen);
            assertTrue(old.replies().stream().allMatch(r -> Mndp.sameMac(r.mac(), server.mac()) && r.bytes() == 56), seen);
            assertEquals(0, old.run().exitStatus(), seen);
            assertEquals(2, recent.received(), seen);
            assertEquals(2, recent.replies().size(), seen);
        }
    }

    @Test
    void client044LogsInRunsAShellCommandAndSeesItsOutput() {
        try (MacTelnetClient client = MacTelnetClient.start(netns, ClientVersion.V0_4_4, server.mac(), server.user(), PASSWORD)) {
            assertEquals(MacTelnetClient.Outcome.LOGGED_IN, client.login(MacTelnetClient.SHELL_PROMPT, LOGIN_LIMIT), client.transcript());
            String output = client.command("echo hello", MacTelnetClient.SHELL_PROMPT, COMMAND_LIMIT);
            assertEquals(List.of("hello"), output.lines().toList(), client.transcript());
            // The terminal size the client announced reached the server's pty.
            assertEquals(List.of("24 80"), client.command("stty size", MacTelnetClient.SHELL_PROMPT, COMMAND_LIMIT).lines().toList());
            assertEquals(0, client.logout("exit", COMMAND_LIMIT));
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (MacTelnetClient client = MacTelnetClient.start(netns, ClientVersion.V0_4_4, server.mac(), server.user(), "wrong")) {
            assertEquals(MacTelnetClient.Outcome.LOGIN_FAILED, client.login(MacTelnetClient.SHELL_PROMPT, LOGIN_LIMIT), client.transcript());
        }
        try (MacTelnetClient client = MacTelnetClient.start(netns, ClientVersion.V0_6_1, server.mac(), server.user(), "wrong",
                MacTelnetClient.Options.DEFAULT.forceMd5(true))) {
            assertEquals(MacTelnetClient.Outcome.LOGIN_FAILED, client.login(MacTelnetClient.SHELL_PROMPT, LOGIN_LIMIT), client.transcript());
        }
    }

    @Test
    void client061WithForcedMd5LogsIn() {
        MacTelnetClient.Options md5 = MacTelnetClient.Options.DEFAULT.forceMd5(true);
        try (MacTelnetClient client = MacTelnetClient.start(netns, ClientVersion.V0_6_1, server.mac(), server.user(), PASSWORD, md5)) {
            assertTrue(client.commandLine().contains("-o"), client.commandLine().toString());
            assertEquals(MacTelnetClient.Outcome.LOGGED_IN, client.login(MacTelnetClient.SHELL_PROMPT, LOGIN_LIMIT), client.transcript());
            assertEquals(List.of("hello"), client.command("echo hello", MacTelnetClient.SHELL_PROMPT, COMMAND_LIMIT).lines().toList());
            assertEquals(0, client.logout("exit", COMMAND_LIMIT));
        }
    }

    @Test
    void client044InRawModeLogsIn() {
        MacTelnetClient.Options raw = MacTelnetClient.Options.DEFAULT.raw(true);
        try (MacTelnetClient client = MacTelnetClient.start(netns, ClientVersion.V0_4_4, server.mac(), server.user(), PASSWORD, raw)) {
            assertEquals(MacTelnetClient.Outcome.LOGGED_IN, client.login(MacTelnetClient.SHELL_PROMPT, LOGIN_LIMIT), client.transcript());
            assertEquals(List.of("raw"), client.command("echo raw", MacTelnetClient.SHELL_PROMPT, COMMAND_LIMIT).lines().toList());
            assertEquals(0, client.logout("exit", COMMAND_LIMIT));
        }
    }

    @Test
    void bothToolGenerationsListTheRouterByMndp() {
        for (ClientVersion version : ClientVersion.values()) {
            Mndp.Listing listing = Mndp.listBatch(netns, version, 2);
            assertTrue(listing.lists(server.mac()), version + ": " + listing.run().describe());
            Mndp.Neighbour router = listing.neighbours().getFirst();
            assertEquals("ether1", router.interfaceName());
            assertEquals("MAC-Telnet", router.softwareId());
            assertEquals("Linux", router.platform());
            assertEquals(Netns.ROUTER_IPV4, router.ip());
            assertTrue(router.uptime().matches("\\d+"), router.uptime());
        }
        Mndp.Listing table = Mndp.listTable(netns, ClientVersion.V0_4_4, Duration.ofSeconds(2));
        assertTrue(table.lists(server.mac()), table.run().describe());
        Mndp.Neighbour router = table.neighbours().getFirst();
        assertEquals("ether1", router.interfaceName());
        assertEquals("Linux", router.platform());
        assertEquals(Netns.ROUTER_IPV4, router.ip());
    }

    @Test
    void aCapturedLoginReadsBackAsMacTelnetPacketsInOrder(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("login.pcap");
        List<Pcap.UdpPacket> packets;
        try (Capture capture = Capture.onClient(netns, pcap, Capture.MAC_TELNET);
             MacTelnetClient client = MacTelnetClient.start(netns, ClientVersion.V0_4_4, server.mac(), server.user(), PASSWORD)) {
            assertEquals(MacTelnetClient.Outcome.LOGGED_IN, client.login(MacTelnetClient.SHELL_PROMPT, LOGIN_LIMIT), client.transcript());
            assertEquals(0, client.logout("exit", COMMAND_LIMIT));
            packets = capture.stop();
        }
        assertTrue(Files.size(pcap) > 24);
        assertTrue(packets.size() >= 6, "a login is at least SESSIONSTART, ACK, auth DATA and their ACKs: " + packets.size());
        Pcap.UdpPacket first = packets.getFirst();
        assertEquals(20561, first.destinationPort());
        assertEquals(netns.clientMac(), first.sourceMac());
        assertEquals(1, first.payload()[0], "MAC-Telnet version byte");
        assertEquals(0, first.payload()[1], "the session starts with SESSIONSTART");
        Pcap.UdpPacket answer = packets.stream().filter(p -> p.sourcePort() == 20561).findFirst().orElseThrow();
        assertEquals(netns.routerMac(), answer.sourceMac());
        assertEquals("ff:ff:ff:ff:ff:ff", answer.destinationMac(), "mactelnetd without -n broadcasts its replies");
        assertEquals(2, answer.payload()[1], "the server ACKs the SESSIONSTART");
        assertTrue(packets.stream().anyMatch(p -> p.sourcePort() == 20561 && (p.payload()[1] & 0xff) == 255),
                "the server ends the session with END after exit");
        // The shell's output travels as plain DATA: the prompt is in a server DATA packet.
        assertTrue(packets.stream().anyMatch(p -> p.sourcePort() == 20561 && p.payload()[1] == 1
                && new String(p.payload(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("$ ")));
    }

    /**
     * On a segment of their own (never next to mactelnetd 0.4.4, which a SESSIONSTART for a MAC
     * not its own crashes): no answer gives loss and "Connection failed.".
     */
    @Test
    void withNobodyAnsweringPingsAreLostAndLoginFails() {
        try (Netns alone = Netns.create()) {
            MacPing.Result ping = MacPing.ping(alone, ClientVersion.V0_4_4, alone.routerMac(), 1);
            assertEquals(1, ping.transmitted(), ping.run().describe());
            assertEquals(0, ping.received());
            assertEquals(100, ping.lossPercent());
            assertTrue(ping.replies().isEmpty());
            assertEquals(1, ping.run().exitStatus());

            try (MacTelnetClient client = MacTelnetClient.start(alone, ClientVersion.V0_4_4, alone.routerMac(), "nobody", "x",
                    MacTelnetClient.Options.DEFAULT.waitSeconds(1))) {
                assertEquals(MacTelnetClient.Outcome.CONNECTION_FAILED, client.login(MacTelnetClient.SHELL_PROMPT, LOGIN_LIMIT),
                        client.transcript());
                assertEquals(1, client.awaitExit(COMMAND_LIMIT).orElseThrow());
            }
        }
    }
}
