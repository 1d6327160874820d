package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import macserver.datapath.UdpFrame;
import macserver.mactelnet.MacServerCounters.Counter;
import macserver.mactelnet.testsupport.FakeFrameSender.Sent;
import org.junit.jupiter.api.Test;

/** Dispatch by port, the receiver-MAC filter, MAC-Ping and MNDP. */
class MacServerTest {

    private final SessionFixture f = new SessionFixture();

    private static UdpFrame frame(int port, long ethDst, byte[] payload) {
        UdpFrame fr = new UdpFrame();
        fr.ifIndex = ClientSim.IF_INDEX;
        fr.ethSrc = SessionFixture.CLIENT_MAC;
        fr.ethDst = ethDst;
        fr.ipSrc = 0x0A090905;
        fr.ipDst = 0xFFFF_FFFF;
        fr.srcPort = port;
        fr.dstPort = port;
        fr.payload = ByteBuffer.wrap(payload);
        return fr;
    }

    private static byte[] ping(long to, int payloadBytes) {
        ByteBuffer b = ByteBuffer.allocate(18 + payloadBytes);
        MtPacketEncoder.writePingHeader(b, MtPacketType.PING, SessionFixture.CLIENT_MAC, to);
        for (int i = 0; i < payloadBytes; i++) {
            b.put((byte) (i + 1));
        }
        return b.array();
    }

    private List<Sent> sentTo(int port) {
        return f.net.sent().stream().filter(s -> s.dstPort() == port).toList();
    }

    @Test
    void pingGetsABroadcastPongWithTheSamePayload() {
        f.net.clear();
        byte[] ping = ping(ClientSim.SERVER_MAC, 38);
        f.server.onFrame(frame(MtHeader.PORT, ClientSim.SERVER_MAC, ping), f.net);
        Sent pong = sentTo(MtHeader.PORT).get(0);
        assertEquals(Mac48.BROADCAST, pong.ethDst());
        assertEquals(0x0A090902, pong.ipSrc(), "from the interface's address");
        assertEquals(0xFFFF_FFFF, pong.ipDst());
        assertEquals(MtHeader.PORT, pong.srcPort());
        assertEquals(56, pong.payload().length);
        assertEquals(MtPacketType.PONG, pong.payload()[1]);
        assertArrayEquals(java.util.Arrays.copyOfRange(ping, 18, 56), java.util.Arrays.copyOfRange(pong.payload(), 18, 56));
    }

    @Test
    void pingsToOtherMacsAndDeniedClientsAreIgnored() {
        f.net.clear();
        f.server.onFrame(frame(MtHeader.PORT, Mac48.BROADCAST, ping(0x02_00_00_00_00_99L, 4)), f.net);
        f.host.pingAllowed = false;
        f.server.onFrame(frame(MtHeader.PORT, ClientSim.SERVER_MAC, ping(ClientSim.SERVER_MAC, 4)), f.net);
        assertTrue(f.net.sent().isEmpty());
        assertEquals(1, f.server.counters().get(Counter.NOT_FOR_US));
        assertEquals(1, f.server.counters().get(Counter.POLICY_DROPS));
    }

    @Test
    void eachRoleOfTheHostMayBeItsOwnObject() {
        List<Long> asked = new java.util.ArrayList<>();
        AdmissionPolicy admission = (clientMac, ethSource, ifIndex, service) -> {
            asked.add(clientMac);
            return Admission.dropped(DropReason.RADIUS_PENDING);
        };
        MacServer server = new MacServer(admission, f.host, f.host, f.host, MacServerConfig.DEFAULTS, f.clock,
                new java.security.SecureRandom(), Thread.ofVirtual().factory());
        server.attach(f.net);
        assertTrue(sentTo(MndpCodec.PORT).size() > 0, "the discovery role announced");
        f.net.clear();
        server.onFrame(frame(MtHeader.PORT, ClientSim.SERVER_MAC, ping(ClientSim.SERVER_MAC, 4)), f.net);
        assertEquals(List.of(SessionFixture.CLIENT_MAC), asked, "the admission role alone was asked");
        assertTrue(f.net.sent().isEmpty());
        assertEquals(1, server.counters().get(Counter.POLICY_DROPS));
    }

    @Test
    void ownPongHeardBackIsDropped() {
        f.server.onFrame(frame(MtHeader.PORT, ClientSim.SERVER_MAC, ping(ClientSim.SERVER_MAC, 4)), f.net);
        Sent pong = sentTo(MtHeader.PORT).get(0);
        f.net.clear();
        f.server.onFrame(frame(MtHeader.PORT, Mac48.BROADCAST, pong.payload()), f.net);
        assertTrue(f.net.sent().isEmpty());
    }

    @Test
    void pingsAreLimitedPerMndpPeriod() {
        f.net.clear();
        for (int i = 0; i < 310; i++) {
            f.server.onFrame(frame(MtHeader.PORT, ClientSim.SERVER_MAC, ping(ClientSim.SERVER_MAC, 4)), f.net);
        }
        assertEquals(300, sentTo(MtHeader.PORT).size());
        assertEquals(10, f.server.counters().get(Counter.PINGS_RATE_LIMITED));
        f.clock.advance(60_000);
        f.server.runTimers();
        f.server.onFrame(frame(MtHeader.PORT, ClientSim.SERVER_MAC, ping(ClientSim.SERVER_MAC, 4)), f.net);
        assertEquals(301, sentTo(MtHeader.PORT).size(), "the budget comes back with the announcement");
    }

    @Test
    void sessionPacketsForAnotherMacOrAnotherClientTypeAreDropped() {
        ClientSim c = f.client();
        byte[] start = c.packet(MtPacketType.SESSIONSTART, 0, new byte[0]);
        byte[] elsewhere = start.clone();
        elsewhere[13] = 0x77;
        c.deliver(elsewhere);
        byte[] winbox = start.clone();
        winbox[16] = 0x0F;
        winbox[17] = (byte) 0x90;
        c.deliver(winbox);
        assertEquals(0, f.server.sessionCount());
        assertEquals(1, f.server.counters().get(Counter.NOT_FOR_US));
        assertEquals(1, f.server.counters().get(Counter.NOT_MAC_TELNET));
    }

    @Test
    void unicastToAnotherEthernetAddressIsDropped() {
        ClientSim c = f.client();
        UdpFrame fr = frame(MtHeader.PORT, 0x02_00_00_00_00_55L, c.packet(MtPacketType.SESSIONSTART, 0, new byte[0]));
        fr.srcPort = 1500;
        f.server.onFrame(fr, f.net);
        assertEquals(0, f.server.sessionCount());
    }

    @Test
    void deniedMacGetsNoSession() {
        f.host.deny(SessionFixture.CLIENT_MAC);
        f.client().start();
        assertEquals(0, f.server.sessionCount());
        assertEquals(1, f.server.counters().get(Counter.POLICY_DROPS));
    }

    @Test
    void unknownSessionGetsNoAnswer() {
        f.net.clear();
        ClientSim c = f.client();
        c.data(new byte[] {'a'});
        c.ack(5);
        c.end(0);
        assertTrue(f.net.sent().isEmpty());
        assertEquals(3, f.server.counters().get(Counter.UNKNOWN_SESSION));
    }

    @Test
    void mndpAnnouncesAtStartAndEveryPeriodOnDiscoveryInterfaces() {
        List<Sent> first = sentTo(MndpCodec.PORT);
        assertEquals(1, first.size());
        Sent a = first.get(0);
        assertEquals(Mac48.BROADCAST, a.ethDst());
        assertEquals(MndpCodec.PORT, a.srcPort());
        MndpAnnouncement decoded = (MndpAnnouncement) MndpCodec.decode(a.buffer());
        assertEquals(ClientSim.SERVER_MAC, decoded.mac());
        assertEquals("router1", decoded.identity());
        assertEquals("ether1", decoded.interfaceName());
        assertEquals(3725, decoded.uptimeSeconds());
        assertArrayEquals(new byte[] {10, 9, 9, 2}, decoded.ipv4());
        f.clock.advance(59_999);
        f.server.runTimers();
        assertEquals(1, sentTo(MndpCodec.PORT).size());
        f.clock.advance(1);
        f.server.runTimers();
        assertEquals(2, sentTo(MndpCodec.PORT).size());
    }

    @Test
    void discoveryRequestIsAnsweredAtMostOncePerSecond() {
        f.net.clear();
        f.clock.advance(5000);
        f.server.onFrame(frame(MndpCodec.PORT, Mac48.BROADCAST, new byte[4]), f.net);
        f.server.onFrame(frame(MndpCodec.PORT, Mac48.BROADCAST, new byte[4]), f.net);
        assertEquals(1, sentTo(MndpCodec.PORT).size());
        f.clock.advance(1000);
        f.server.onFrame(frame(MndpCodec.PORT, Mac48.BROADCAST, new byte[4]), f.net);
        assertEquals(2, sentTo(MndpCodec.PORT).size());
        f.host.discoveryInterfaces = new int[] {7};
        f.clock.advance(1000);
        f.server.onFrame(frame(MndpCodec.PORT, Mac48.BROADCAST, new byte[4]), f.net);
        assertEquals(2, sentTo(MndpCodec.PORT).size(), "not on an interface outside the discovery list");
    }

    @Test
    void otherDevicesAnnouncementsBecomeNeighboursButOursDoNot() {
        Sent ours = sentTo(MndpCodec.PORT).get(0);
        f.server.onFrame(frame(MndpCodec.PORT, Mac48.BROADCAST, ours.payload()), f.net);
        assertTrue(f.host.neighbours.isEmpty());
        MndpAnnouncement other = new MndpAnnouncement(0x4C_5E_0C_00_00_01L, "MikroTik", "7.15.3 (stable)", "MikroTik",
                100, "ABCD", "RB750", "ether2", null, null);
        ByteBuffer b = ByteBuffer.allocate(MndpCodec.MAX_LENGTH);
        MndpCodec.encode(b, other, 1);
        f.server.onFrame(frame(MndpCodec.PORT, Mac48.BROADCAST, java.util.Arrays.copyOf(b.array(), b.position())), f.net);
        assertEquals(1, f.host.neighbours.size());
        assertEquals(other, f.host.neighbours.get(0).announcement());
        assertEquals(0x0A090905, f.host.neighbours.get(0).ipSource());
        assertEquals("ether1", f.host.neighbours.get(0).interfaceName());
    }

    @Test
    void sendFailuresAreCountedNotThrown() {
        f.net.failSends(true);
        f.client().start();
        assertEquals(1, f.server.sessionCount());
        assertEquals(1, f.server.counters().get(Counter.SEND_ERRORS));
    }

    @Test
    void startedServerResendsOnItsOwnTimerThreadAndStopEndsSessions() throws Exception {
        macserver.mactelnet.testsupport.FakeFrameSender net = new macserver.mactelnet.testsupport.FakeFrameSender()
                .addInterface(ClientSim.IF_INDEX, ClientSim.SERVER_MAC, 0);
        MacServer server = new MacServer(f.host, MacServerConfig.DEFAULTS);
        server.start(net);
        try {
            assertEquals(1, net.sent().size(), "the first MNDP announcement");
            ClientSim c = new ClientSim(server, net, SessionFixture.CLIENT_MAC, 0x99, 1500);
            c.start();
            c.data(new ClientSim.Payload().empty(ControlType.BEGINAUTH).bytes());
            ClientSim.Packet salt = c.await(p -> p.type() == MtPacketType.DATA);
            c.await(p -> p.type() == MtPacketType.DATA && p.counter() == salt.counter() && p != salt
                    && net.sent().stream().filter(x -> x.dstPort() == 1500 && x.payload().length == 47).count() >= 2);
            assertTrue(server.counters().get(Counter.RETRANSMITS) >= 1, "resent without an ACK");
        } finally {
            server.stop();
        }
        assertEquals(MtPacketType.END, net.sent().get(net.sent().size() - 1).payload()[1] & 0xFF);
        assertEquals(0, server.sessionCount());
    }
}
