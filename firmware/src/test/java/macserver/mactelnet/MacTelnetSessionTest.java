package macserver.mactelnet;

import static macserver.mactelnet.SessionFixture.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import macserver.mactelnet.ClientSim.Packet;
import macserver.mactelnet.ClientSim.Payload;
import macserver.mactelnet.MacServerCounters.Counter;
import macserver.mactelnet.testsupport.ScriptedTerminal;
import org.junit.jupiter.api.Test;

/** A logged-in session: keystrokes, duplicates, counters, resends, keepalives, timeouts and the ways it ends. */
class MacTelnetSessionTest {

    private final SessionFixture f = new SessionFixture();

    /** The next DATA at or after the server counter {@code from}. */
    private static Packet nextData(ClientSim c, int from) throws InterruptedException {
        return c.await(p -> p.type() == MtPacketType.DATA && Integer.compareUnsigned(p.counter(), from) >= 0);
    }

    @Test
    void keystrokesReachTheTerminalAndItsOutputComesBack() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.data(ascii("print\r"));
        assertTrue(c.readUntil("did <print>", 82).contains("did <print>\r\n"));
        assertEquals(List.of("print"), f.host.terminals.get(0).lines);
    }

    @Test
    void duplicateAndOldDataAreAckedButIgnored() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        byte[] packet = c.packet(MtPacketType.DATA, c.sendCounter, ascii("a\r"));
        c.fresh();
        c.deliver(packet);
        c.deliver(packet);
        c.deliver(c.packet(MtPacketType.DATA, c.sendCounter - 5, ascii("b\r")));
        List<Packet> acks = c.fresh().stream().filter(p -> p.type() == MtPacketType.ACK).toList();
        assertEquals(3, acks.size(), "every DATA is ACKed, duplicates too");
        assertEquals(c.sendCounter + 2, acks.get(1).counter());
        assertEquals(2, f.server.counters().get(Counter.DUPLICATE_DATA));
        c.readUntil("did <a>", 82);
        assertEquals(List.of("a"), f.host.terminals.get(0).lines);
    }

    @Test
    void counterWrapsAround() throws Exception {
        assertTrue(SessionTransport.isNewer(0x10, 0xFFFF_FFF0));
        assertTrue(SessionTransport.isNewer(0xFFFF_FFF1, 0xFFFF_FFF0));
        assertFalse(SessionTransport.isNewer(0xFFFF_FFF0, 0xFFFF_FFF0));
        assertFalse(SessionTransport.isNewer(0xFFFF_FF00, 0xFFFF_FFF0));
        assertFalse(SessionTransport.isNewer(0, 1 << 20));

        ClientSim c = f.loggedIn("admin", "secret");
        c.sendCounter = 0xFFFF_FFFE;
        c.data(ascii("x\r"));
        c.readUntil("did <x>", 82);
        assertEquals(0, c.sendCounter, "the client's counter wrapped");
        c.data(ascii("y\r"));
        c.deliver(c.packet(MtPacketType.DATA, 0, ascii("y\r")));
        c.readUntil("did <y>", 90);
        assertEquals(List.of("x", "y"), f.host.terminals.get(0).lines);
    }

    @Test
    void unacknowledgedDataIsResentOnTheClientScheduleThenTheSessionGivesUp() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.data(ascii("go\r"));
        Packet first = nextData(c, 82);
        c.fresh();
        for (int wait : SessionTransport.RESEND_WAITS) {
            f.clock.advance(wait - 1);
            f.server.runTimers();
            assertTrue(c.fresh().stream().noneMatch(p -> p.type() == MtPacketType.DATA), "not before " + wait + " ms");
            f.clock.advance(1);
            f.server.runTimers();
            List<Packet> resent = c.fresh();
            assertEquals(1, resent.size());
            assertEquals(first.counter(), resent.get(0).counter());
            assertArrayEquals(first.payload(), resent.get(0).payload());
        }
        assertEquals(SessionTransport.RESEND_WAITS.length, f.server.counters().get(Counter.RETRANSMITS));
        f.clock.advance(1000);
        f.server.runTimers();
        assertEquals(MtPacketType.END, c.fresh().get(0).type());
        assertEquals(0, f.server.sessionCount());
        assertEquals(1, f.host.closed.size());
    }

    @Test
    void anAckForTheDataInFlightStopsTheResends() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.data(ascii("go\r"));
        Packet data = nextData(c, 82);
        c.ack(data.end());
        c.fresh();
        f.clock.advance(5000);
        f.server.runTimers();
        assertTrue(c.fresh().isEmpty());
    }

    @Test
    void oneDataInFlightAtMostAndAtMostMaxDataBytesEach() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.data(ascii("big 3000\r"));
        Packet first = nextData(c, 82);
        assertEquals(1024, first.payload().length);
        c.await(p -> f.host.terminals.get(0).lines.contains("big 3000"));
        Thread.sleep(50);
        assertEquals(0, c.all().stream()
                .filter(p -> p.type() == MtPacketType.DATA && Integer.compareUnsigned(p.counter(), first.counter()) > 0)
                .count(), "no second DATA before the ACK");
        String text = c.readUntil("x".repeat(3000), 82);
        assertEquals(3000, text.length());
    }

    @Test
    void aQuietSessionGivesItsTerminalBuffersBackAndTakesThemAgainWhenUsed() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        assertEquals(ByteRing.MIN_STORAGE, f.server.terminalBufferBytes(),
                "the greeting takes the smallest output ring, no input ring yet");
        c.data(ascii("big 3000\r"));
        c.readUntil("x".repeat(3000), 82);
        int held = f.server.terminalBufferBytes();
        assertTrue(held >= 3000 && held <= MacServerConfig.DEFAULTS.inputBufferBytes()
                + MacServerConfig.DEFAULTS.outputBufferBytes(), "grew to fit, within the limits: " + held);
        f.clock.advance(MacTelnetSession.RELEASE_AFTER_MILLIS - 1);
        f.server.runTimers();
        assertEquals(held, f.server.terminalBufferBytes(), "kept while the session is in use");
        f.clock.advance(1);
        f.server.runTimers();
        assertEquals(0, f.server.terminalBufferBytes());
        c.data(ascii("print\r"));
        assertTrue(c.readUntil("did <print>", 82).contains("did <print>"));
        assertEquals(List.of("big 3000", "print"), f.host.terminals.get(0).lines);
    }

    @Test
    void keepaliveAckIsEchoedAndKeepsTheSessionOpen() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.fresh();
        for (int i = 0; i < 3; i++) {
            f.clock.advance(10_000);
            f.server.runTimers();
            c.ack(c.sendCounter);
            List<Packet> echo = c.fresh();
            assertEquals(1, echo.size());
            assertEquals(MtPacketType.ACK, echo.get(0).type());
            assertEquals(c.sendCounter, echo.get(0).counter());
        }
        assertEquals(1, f.server.sessionCount());
    }

    @Test
    void silenceEndsTheSessionWithTimeout() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.fresh();
        f.clock.advance(15_000);
        f.server.runTimers();
        List<Packet> out = c.fresh();
        assertEquals(MacTelnetSession.TIMEOUT, out.get(0).text());
        assertEquals(MtPacketType.END, out.get(1).type());
        assertEquals(out.get(0).end(), out.get(1).counter());
        assertEquals(0, f.server.sessionCount());
        assertEquals(1, f.host.closed.size());
    }

    @Test
    void hostIdleTimeoutEndsAQuietSessionDespiteKeepalives() throws Exception {
        f.host.idleTimeoutMillis = 20_000;
        ClientSim c = f.loggedIn("admin", "secret");
        f.clock.advance(10_000);
        c.ack(c.sendCounter);
        f.server.runTimers();
        assertEquals(1, f.server.sessionCount());
        f.clock.advance(10_000);
        c.ack(c.sendCounter);
        c.fresh();
        f.server.runTimers();
        assertEquals(MacTelnetSession.TIMEOUT, c.fresh().get(0).text());
        assertEquals(0, f.server.sessionCount());
    }

    @Test
    void resizeReachesTheTerminal() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.data(new Payload().u16(ControlType.TERM_WIDTH, 132).u16(ControlType.TERM_HEIGHT, 50).bytes());
        assertEquals(List.of("132x50"), f.host.terminals.get(0).resizes);
    }

    @Test
    void clientEndIsAnsweredAndTheTerminalClosed() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.fresh();
        c.end(0);
        List<Packet> out = c.fresh();
        // Terminal output racing the END may come first; the END must be there.
        assertTrue(out.stream().anyMatch(p -> p.type() == MtPacketType.END), out.toString());
        assertEquals(0, f.server.sessionCount());
        assertEquals(f.host.open, f.host.closed);
        // The terminal ends on its own thread, possibly after the last frame went out.
        assertTrue(f.host.terminals.get(0).awaitEnded(), "terminal still running");
    }

    @Test
    void logoutSendsTheLastOutputThenEnd() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.data(ascii("/quit\r"));
        String text = c.readUntil("bye\r\n", 82);
        assertTrue(text.endsWith("bye\r\n"));
        Packet end = c.await(p -> p.type() == MtPacketType.END);
        assertTrue(Integer.compareUnsigned(end.counter(), 82) > 0);
        assertEquals(0, f.server.sessionCount());
        assertEquals(1, f.host.closed.size());
    }

    @Test
    void hostCanEndASession() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.fresh();
        f.host.open.get(0).end();
        assertEquals(1, f.server.sessionCount(), "the request waits for the timer thread");
        f.server.runTimers();
        List<Packet> out = c.fresh();
        assertEquals(MacTelnetSession.ENDED_BY_ADMIN, out.get(0).text());
        assertEquals(MtPacketType.END, out.get(1).type());
        assertEquals(0, f.server.sessionCount());
    }

    @Test
    void repeatedSessionStartIsAckedAgainUntilTheFirstData() {
        ClientSim c = f.client();
        c.start();
        c.start();
        assertEquals(2, c.fresh().stream().filter(p -> p.type() == MtPacketType.ACK).count());
        assertEquals(1, f.server.sessionCount());
    }

    /*
     * 0.x clients draw their session key and port from the clock in seconds: a client killed
     * without END and started again within that second sends SESSIONSTART under the old key. It
     * must get a fresh session, not silence ("Connection failed." until the old one times out).
     */
    @Test
    void sessionStartAfterDataIsARestartedClientAndGetsAFreshSession() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        assertEquals(1, f.host.open.size());
        c.fresh();
        c.start();
        List<Packet> out = c.fresh();
        assertEquals(1, out.size(), "only the new session's ACK, nothing from the old one: " + out);
        assertEquals(MtPacketType.ACK, out.get(0).type());
        assertEquals(0, out.get(0).counter());
        assertEquals(1, f.server.sessionCount());
        assertEquals(1, f.server.counters().get(Counter.SESSIONS_RESTARTED));
        assertEquals(1, f.host.closed.size(), "the old session left the host");
        c.sendCounter = 0;
        c.data(new Payload().empty(ControlType.BEGINAUTH).bytes());
        assertTrue(c.fresh().stream().anyMatch(p -> p.type() == MtPacketType.DATA), "the new session answers its login");
    }

    @Test
    void sessionStartFromAnotherPortIsAnotherClient() {
        ClientSim c = f.client();
        c.start();
        c.fresh();
        ClientSim other = new ClientSim(f.server, f.net, c.mac, c.key, c.port + 1);
        other.start();
        assertEquals(1, f.server.sessionCount());
        assertEquals(1, f.server.counters().get(Counter.SESSIONS_RESTARTED));
        assertEquals(1, other.fresh().size());
    }

    @Test
    void halfOpenSessionsExpireAfterTheAuthTimeLimit() {
        ClientSim c = f.client();
        c.start();
        for (int t = 0; t < 30_000; t += 10_000) {
            f.clock.advance(10_000);
            c.ack(0);
            f.server.runTimers();
        }
        assertEquals(0, f.server.sessionCount(), "keepalives do not hold a login open for ever");
    }

    @Test
    void stopTellsActiveSessions() throws Exception {
        ClientSim c = f.loggedIn("admin", "secret");
        c.fresh();
        f.server.stop();
        List<Packet> out = c.fresh();
        assertEquals(MacTelnetSession.SHUTTING_DOWN, out.get(0).text());
        assertEquals(MtPacketType.END, out.get(1).type());
    }
}
