package macserver.mactelnet;

import static macserver.mactelnet.SessionFixture.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import macserver.auth.EcSrp5TestClient;
import macserver.auth.EcSrp5Verifier;
import macserver.mactelnet.ClientSim.Packet;
import macserver.mactelnet.ClientSim.Payload;
import macserver.mactelnet.MacServerCounters.Counter;
import macserver.mactelnet.testsupport.CountingRandom;
import org.junit.jupiter.api.Test;

/** Logins through the codec, bytes in and bytes out: EC-SRP5, legacy MD5 and the ways they fail. */
class MacTelnetLoginTest {

    @Test
    void ecSrp5LoginFollowsTheWorkedMessageOrder() throws Exception {
        SessionFixture f = new SessionFixture();
        ClientSim c = f.client();
        EcSrp5TestClient srp = new EcSrp5TestClient("admin", "secret".toCharArray(), new SecureRandom());

        c.start();
        List<Packet> afterStart = c.fresh();
        assertEquals(1, afterStart.size());
        assertEquals(MtPacketType.ACK, afterStart.get(0).type());
        assertEquals(0, afterStart.get(0).counter());

        c.data(new Payload().empty(ControlType.BEGINAUTH)
                .block(ControlType.PASSSALT, SessionFixture.clientSalt("admin", srp.publicKey())).bytes());
        assertEquals(57, c.sendCounter);
        List<Packet> afterKey = c.fresh();
        assertEquals(2, afterKey.size(), "ACK then the server's PASSSALT");
        assertEquals(MtPacketType.ACK, afterKey.get(0).type());
        assertEquals(57, afterKey.get(0).counter());
        Packet salt = afterKey.get(1);
        assertEquals(MtPacketType.DATA, salt.type());
        assertEquals(0, salt.counter());
        assertEquals(58, salt.payload().length);
        assertEquals(List.of(ControlType.PASSSALT, 49), List.of(salt.blocks().get(0)[0], salt.blocks().get(0)[1]));
        byte[] serverKey = java.util.Arrays.copyOfRange(salt.payload(), 9, 58);
        c.ack(58);

        SessionFixture.sendLogin(c, "admin", srp.proof(serverKey));
        assertEquals(148, c.sendCounter);
        List<Packet> afterLogin = c.fresh();
        assertEquals(MtPacketType.ACK, afterLogin.get(0).type());
        assertEquals(148, afterLogin.get(0).counter());
        // END_AUTH comes with the terminal's first output, in one DATA.
        Packet endAuth = c.awaitEndAuth();
        assertEquals(58, endAuth.counter());
        assertArrayEquals(ClientSim.hex("563412ff0900000000"), java.util.Arrays.copyOf(endAuth.payload(), 9));
        assertEquals("Welcome admin\r\n", ClientSim.afterEndAuth(endAuth));
        assertEquals(82, endAuth.end());
        c.ack(82);
        assertTrue(c.fresh().stream().noneMatch(p -> p.type() == MtPacketType.DATA && p.counter() != 58),
                "nothing else to send");
        assertEquals(List.of(SessionFixture.CLIENT_MAC), f.host.goodLogins);
        assertEquals(1, f.host.open.size());
        assertEquals("admin", f.host.open.get(0).info().user());
        assertEquals("ether1", f.host.open.get(0).info().interfaceName());
        assertEquals("xterm", f.host.terminals.get(0).settings.type());
        assertEquals(80, f.host.terminals.get(0).settings.columns());
        assertEquals(24, f.host.terminals.get(0).settings.rows());
    }

    @Test
    void loginNameOptionsAreCutForTheUserAndTheValidator() throws Exception {
        SessionFixture f = new SessionFixture();
        ClientSim c = f.loggedIn("admin+c80w", "secret");
        assertEquals("admin", f.host.open.get(0).info().user());
        assertEquals("admin", f.host.terminals.get(0).user);
        c.data(ascii("/quit\r"));
    }

    @Test
    void hashedUsersFileVectorLogsIn() throws Exception {
        SessionFixture f = new SessionFixture();
        // §4.5: v for admin/secret with salt 00..0f, as a mactelnetd 0.6 users file keeps it.
        EcSrp5Verifier v = EcSrp5Verifier.fromScalar(ClientSim.hex("000102030405060708090a0b0c0d0e0f"),
                ClientSim.hex("865486414f27943b1e7bdd6a234356c98f01ce4492b447410faaab95bb28a20f"));
        f.host.user("admin", new LoginMaterial(v, null, true));
        f.loggedIn("admin", "secret");
        assertEquals(1, f.server.counters().get(Counter.LOGINS_OK));
    }

    @Test
    void md5LoginWithTheFactSheetVector() throws Exception {
        SessionFixture f = new SessionFixture(MacServerConfig.DEFAULTS, new CountingRandom());
        ClientSim c = f.client();
        c.start();
        c.fresh();
        c.data(new Payload().empty(ControlType.BEGINAUTH).bytes());
        List<Packet> afterBegin = c.fresh();
        assertEquals(MtPacketType.ACK, afterBegin.get(0).type(), "ACK first");
        assertEquals(9, afterBegin.get(0).counter());
        Packet salt = afterBegin.get(1);
        assertArrayEquals(ClientSim.hex("563412ff0100000010 000102030405060708090a0b0c0d0e0f"), salt.payload());
        c.ack(salt.end());

        SessionFixture.sendLogin(c, "admin", ClientSim.hex("00925d25da4b1ffe731237818c4e1fcd57"));
        assertEquals(MtPacketType.ACK, c.fresh().get(0).type(), "ACK first");
        Packet endAuth = c.awaitEndAuth();
        assertEquals(25, endAuth.counter(), "END_AUTH at the server's counter 25");
        c.ack(endAuth.end());
        assertTrue(ClientSim.afterEndAuth(endAuth).contains("Welcome admin"));
    }

    /** The fact sheet's MD5 login up to the client's answer; the server's next DATA is at counter 25. */
    private static ClientSim md5LoggingIn(SessionFixture f) {
        ClientSim c = f.client();
        c.start();
        c.data(new Payload().empty(ControlType.BEGINAUTH).bytes());
        c.ack(c.fresh().get(2).end());
        SessionFixture.sendLogin(c, "admin", ClientSim.hex("00925d25da4b1ffe731237818c4e1fcd57"));
        return c;
    }

    @Test
    void endAuthAndTheFirstOutputAreResentTogetherAndTheOutputGoesOnAfterTheirAck() throws Exception {
        SessionFixture f = new SessionFixture(MacServerConfig.DEFAULTS, new CountingRandom());
        ClientSim c = md5LoggingIn(f);
        Packet first = c.awaitEndAuth();
        c.fresh();
        f.clock.advance(SessionTransport.RESEND_WAITS[0]);
        f.server.runTimers();
        Packet resent = c.fresh().get(0);
        assertEquals(25, resent.counter());
        assertArrayEquals(first.payload(), resent.payload());
        assertEquals("Welcome admin\r\n", ClientSim.afterEndAuth(resent));
        c.ack(resent.end());
        c.data(ascii("ls\r"));
        assertEquals("did <ls>\r\n", c.readUntil("\n", resent.end()));
    }

    @Test
    void endAuthGoesAloneWhenTheTerminalPrintsNothingInTime() throws Exception {
        SessionFixture f = new SessionFixture(MacServerConfig.DEFAULTS, new CountingRandom());
        f.host.greets = false;
        ClientSim c = md5LoggingIn(f);
        assertTrue(c.fresh().stream().allMatch(p -> p.type() == MtPacketType.ACK), "END_AUTH waits for the terminal");
        f.clock.advance(MacTelnetSession.END_AUTH_WAITS_MILLIS);
        f.server.runTimers();
        Packet endAuth = c.awaitEndAuth();
        assertEquals(25, endAuth.counter());
        assertArrayEquals(ClientSim.END_AUTH, endAuth.payload());
        c.ack(endAuth.end());
        c.data(ascii("ls\r"));
        assertEquals("did <ls>\r\n", c.readUntil("\n", endAuth.end()));
    }

    @Test
    void md5LoginFailsForAUserWithoutAnMd5Secret() throws Exception {
        SessionFixture f = new SessionFixture(MacServerConfig.DEFAULTS, new CountingRandom());
        f.host.user("admin", "secret", false);
        ClientSim c = f.client();
        c.start();
        c.fresh();
        c.data(new Payload().empty(ControlType.BEGINAUTH).bytes());
        c.ack(c.fresh().get(1).end());
        SessionFixture.sendLogin(c, "admin", ClientSim.hex("00925d25da4b1ffe731237818c4e1fcd57"));
        expectFailure(c, f);
    }

    @Test
    void wrongPasswordGetsEndAuthMessageAndEnd() throws Exception {
        SessionFixture f = new SessionFixture();
        attemptAndExpectFailure(f, "admin", "wrong");
    }

    @Test
    void unknownUserLooksLikeAKnownOneUntilTheProof() throws Exception {
        SessionFixture f = new SessionFixture();
        attemptAndExpectFailure(f, "nobody", "x");
    }

    @Test
    void lockedOutMacFailsEvenWithTheRightPassword() throws Exception {
        SessionFixture f = new SessionFixture();
        f.host.lockOut(SessionFixture.CLIENT_MAC);
        attemptAndExpectFailure(f, "admin", "secret");
        assertTrue(f.host.open.isEmpty());
    }

    @Test
    void userNotAllowedOverMacTelnetFails() throws Exception {
        SessionFixture f = new SessionFixture();
        EcSrp5Verifier v = EcSrp5Verifier.create("admin", "secret".toCharArray(), new SecureRandom());
        f.host.user("admin", new LoginMaterial(v, null, false));
        attemptAndExpectFailure(f, "admin", "secret");
    }

    @Test
    void clientKeyOffTheCurveFailsOnlyThatLogin() throws Exception {
        SessionFixture f = new SessionFixture();
        ClientSim c = f.client();
        c.start();
        c.fresh();
        byte[] bad = new byte[33];
        bad[31] = 2;
        c.data(new Payload().empty(ControlType.BEGINAUTH).block(ControlType.PASSSALT,
                SessionFixture.clientSalt("admin", bad)).bytes());
        List<Packet> out = c.fresh();
        assertEquals(MtPacketType.ACK, out.get(0).type());
        assertArrayEquals(ClientSim.hex("563412ff0900000000"), out.get(1).payload(), "END_AUTH");
        c.ack(out.get(1).end());
        Packet message = c.fresh().get(0);
        assertEquals(MacTelnetSession.LOGIN_FAILED, message.text());
        c.ack(message.end());
        assertEquals(MtPacketType.END, c.fresh().get(0).type());
        // The server is still there for the next client.
        f.loggedIn("admin", "secret");
    }

    @Test
    void clientPasssaltWithAWrongKeyLengthFails() {
        SessionFixture f = new SessionFixture();
        ClientSim c = f.client();
        c.start();
        c.fresh();
        c.data(new Payload().empty(ControlType.BEGINAUTH)
                .block(ControlType.PASSSALT, SessionFixture.clientSalt("admin", new byte[40])).bytes());
        assertArrayEquals(ClientSim.hex("563412ff0900000000"), c.fresh().get(1).payload());
        assertEquals(1, f.server.counters().get(Counter.LOGINS_FAILED));
    }

    @Test
    void aUserWhoKeepsMistypingIsNeverTurnedAwayByTheirOwnFailedSessions() throws Exception {
        SessionFixture f = new SessionFixture();
        // Each failed session waits for the client's END, which a killed client never sends.
        for (int attempt = 0; attempt < 8; attempt++) {
            f.clock.advance(1000); // a person retyping: well within the per-MAC start rate
            ClientSim c = f.client(SessionFixture.CLIENT_MAC, 0x4000 + attempt);
            EcSrp5TestClient srp = new EcSrp5TestClient("admin", "wrong".toCharArray(), new SecureRandom());
            byte[] key = SessionFixture.keyExchange(c, "admin", srp);
            assertEquals(49, key.length, "attempt " + attempt + " was answered");
            c.fresh();
            SessionFixture.sendLogin(c, "admin", srp.proof(key));
            List<Packet> out = c.fresh();
            assertArrayEquals(ClientSim.hex("563412ff0900000000"), out.get(1).payload(), "END_AUTH");
            // The client is killed here: nothing more from it, the session stays CLOSED.
        }
        assertEquals(8, f.host.failedLogins.size());
        f.loggedIn("admin", "secret");
    }

    /** A whole EC-SRP5 exchange with this password, which must fail. */
    private static void attemptAndExpectFailure(SessionFixture f, String user, String password) throws Exception {
        ClientSim c = f.client();
        EcSrp5TestClient srp = new EcSrp5TestClient(user, password.toCharArray(), new SecureRandom());
        byte[] key = SessionFixture.keyExchange(c, user, srp);
        assertEquals(49, key.length, "the exchange looks the same for every user");
        c.fresh();
        SessionFixture.sendLogin(c, user, srp.proof(key));
        expectFailure(c, f);
    }

    /** END_AUTH, then the failure text, then END, each after the client's ACK; the host hears of it. */
    private static void expectFailure(ClientSim c, SessionFixture f) {
        List<Packet> out = c.fresh();
        assertEquals(MtPacketType.ACK, out.get(0).type(), "the DATA is ACKed first");
        Packet endAuth = out.get(1);
        assertArrayEquals(ClientSim.hex("563412ff0900000000"), endAuth.payload());
        c.ack(endAuth.end());
        Packet message = c.fresh().get(0);
        assertEquals(MacTelnetSession.LOGIN_FAILED, message.text());
        assertEquals(endAuth.end(), message.counter());
        c.ack(message.end());
        Packet end = c.fresh().get(0);
        assertEquals(MtPacketType.END, end.type());
        assertEquals(message.end(), end.counter(), "every byte counted");
        assertEquals(List.of(SessionFixture.CLIENT_MAC), f.host.failedLogins);
        assertFalse(f.host.goodLogins.contains(SessionFixture.CLIENT_MAC));
        assertEquals(0, f.server.sessionCount());
    }
}
