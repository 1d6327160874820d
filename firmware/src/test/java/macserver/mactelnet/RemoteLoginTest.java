package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import macserver.auth.EcSrp5TestClient;
import macserver.auth.Md5Challenge;
import macserver.mactelnet.ClientSim.Packet;
import macserver.mactelnet.ClientSim.Payload;
import macserver.mactelnet.MacServerCounters.Counter;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous login step: an MD5 login the host checks remotely (RADIUS) parks the session
 * in CHECKING; the verdict comes on another thread and the timer thread finishes the login.
 */
class RemoteLoginTest {
    private static final byte[] END_AUTH = ClientSim.hex("563412ff0900000000");

    private final SessionFixture f = new SessionFixture();

    /** BEGINAUTH, the server's salt, then the client's MD5 answer for {@code password}; returns the salt. */
    private static byte[] md5Login(ClientSim c, String user, String password) {
        c.start();
        c.fresh();
        c.data(new Payload().empty(ControlType.BEGINAUTH).bytes());
        Packet salt = c.fresh().get(1);
        byte[] value = Arrays.copyOfRange(salt.payload(), 9, salt.payload().length);
        c.ack(salt.end());
        SessionFixture.sendLogin(c, user,
                Md5Challenge.withSalt(value).expectedResponse(password.getBytes(StandardCharsets.UTF_8)));
        return value;
    }

    /** Answers the one pending check from another thread, as the RADIUS worker would, then runs the timers. */
    private void answer(RemoteVerdict verdict) throws InterruptedException {
        Thread t = Thread.ofPlatform().start(() -> f.host.remoteAnswers.get(0).accept(verdict));
        t.join();
        f.server.runTimers();
    }

    /** An MD5 login on {@code route} whose remote check answers {@code verdict}. */
    private ClientSim checked(LoginRoute route, String user, String password, RemoteVerdict verdict)
            throws InterruptedException {
        f.host.route = route;
        ClientSim c = f.client();
        md5Login(c, user, password);
        c.fresh();
        answer(verdict);
        return c;
    }

    @Test
    void md5LoginWaitsForTheRemoteCheckAndLogsInWithItsGroup() throws Exception {
        f.host.route = LoginRoute.REMOTE;
        ClientSim c = f.client();
        byte[] salt = md5Login(c, "remote", "radius-pw");
        List<Packet> meanwhile = c.fresh();
        assertEquals(1, meanwhile.size(), "only the ACK while the check runs");
        assertEquals(MtPacketType.ACK, meanwhile.get(0).type());
        assertEquals(1, f.host.remoteChecks.size());
        RemoteLogin check = f.host.remoteChecks.get(0);
        assertEquals("remote", check.user());
        assertEquals(SessionFixture.CLIENT_MAC, check.clientMac());
        assertArrayEquals(salt, check.salt(), "CHAP-Challenge is the salt the router sent");
        assertArrayEquals(Md5Challenge.withSalt(salt).expectedResponse("radius-pw".getBytes(StandardCharsets.UTF_8)),
                check.response());
        f.server.runTimers();
        assertTrue(c.fresh().isEmpty(), "no answer before the verdict");

        answer(RemoteVerdict.accept("read"));
        Packet endAuth = c.awaitEndAuth();
        c.ack(endAuth.end());
        assertTrue(ClientSim.afterEndAuth(endAuth).contains("Welcome remote"));
        assertEquals(List.of("read"), f.host.remoteGroups);
        assertEquals(1, f.server.counters().get(Counter.LOGINS_OK));
        assertEquals(List.of(SessionFixture.CLIENT_MAC), f.host.goodLogins);
    }

    @Test
    void clientResendsDuringTheCheckStartNoSecondCheck() throws Exception {
        f.host.route = LoginRoute.REMOTE;
        ClientSim c = f.client();
        byte[] salt = md5Login(c, "remote", "radius-pw");
        byte[] response = Md5Challenge.withSalt(salt).expectedResponse("radius-pw".getBytes(StandardCharsets.UTF_8));
        // The same DATA again (a resend, same counter), then a newer one with the login blocks.
        byte[] again = new Payload().block(ControlType.PASSWORD, response)
                .block(ControlType.USERNAME, "remote".getBytes(StandardCharsets.US_ASCII)).bytes();
        int loginCounter = 9; // after the 9-byte BEGINAUTH DATA at counter 0
        c.deliver(c.packet(MtPacketType.DATA, loginCounter, again));
        c.data(again);
        c.data(again);
        f.server.runTimers();
        assertEquals(1, f.host.remoteChecks.size());
        assertTrue(c.fresh().stream().allMatch(p -> p.type() == MtPacketType.ACK), "resends are only ACKed");
        answer(RemoteVerdict.accept("full"));
        c.awaitEndAuth();
        assertEquals(1, f.host.remoteChecks.size());
    }

    @Test
    void rejectFailsTheLoginAndCountsForLockout() throws Exception {
        ClientSim c = checked(LoginRoute.REMOTE, "remote", "wrong", RemoteVerdict.REJECT);
        expectFailure(c);
        assertEquals(List.of(SessionFixture.CLIENT_MAC), f.host.failedLogins);
        assertTrue(f.host.open.isEmpty());
    }

    @Test
    void noAnswerFailsARemoteOnlyLogin() throws Exception {
        ClientSim c = checked(LoginRoute.REMOTE, "admin", "secret", RemoteVerdict.UNAVAILABLE);
        expectFailure(c);
        assertEquals(1, f.host.failedLogins.size());
    }

    @Test
    void noAnswerFallsBackToTheLocalUserWhenRadiusComesFirst() throws Exception {
        ClientSim c = checked(LoginRoute.REMOTE_THEN_LOCAL, "admin", "secret", RemoteVerdict.UNAVAILABLE);
        Packet endAuth = c.awaitEndAuth();
        c.ack(endAuth.end());
        assertTrue(ClientSim.afterEndAuth(endAuth).contains("Welcome admin"));
        assertTrue(f.host.remoteGroups.isEmpty(), "a local login keeps the local user's rights");
    }

    @Test
    void remoteRejectIsFinalEvenForALocalUser() throws Exception {
        expectFailure(checked(LoginRoute.REMOTE_THEN_LOCAL, "admin", "secret", RemoteVerdict.REJECT));
    }

    @Test
    void lockedOutMacIsRefusedWithoutAskingTheRemoteServer() throws Exception {
        f.host.route = LoginRoute.REMOTE;
        f.host.lockOut(SessionFixture.CLIENT_MAC);
        ClientSim c = f.client();
        md5Login(c, "remote", "radius-pw");
        expectFailure(c);
        assertTrue(f.host.remoteChecks.isEmpty());
    }

    @Test
    void ecSrp5CannotBeCheckedRemotelyAndFailsCleanly() throws Exception {
        f.host.route = LoginRoute.REMOTE;
        // Even the right password of a user with a local verifier: the route says RADIUS only.
        ClientSim c = f.client();
        EcSrp5TestClient srp = new EcSrp5TestClient("admin", "secret".toCharArray(), new SecureRandom());
        byte[] key = SessionFixture.keyExchange(c, "admin", srp);
        c.fresh();
        SessionFixture.sendLogin(c, "admin", srp.proof(key));
        expectFailure(c);
        assertTrue(f.host.remoteChecks.isEmpty());
        assertEquals(List.of("admin"), f.host.needsMd5);
        assertEquals(1, f.server.counters().get(Counter.REMOTE_EC_SRP5_REFUSED));
    }

    @Test
    void aVerdictForASessionThatTimedOutIsDropped() throws Exception {
        f.host.route = LoginRoute.REMOTE;
        ClientSim c = f.client();
        md5Login(c, "remote", "radius-pw");
        f.clock.advance(MacServerConfig.DEFAULTS.authTimeLimitMillis());
        f.server.runTimers();
        assertEquals(0, f.server.sessionCount());
        c.fresh();
        answer(RemoteVerdict.accept("full"));
        assertTrue(c.fresh().isEmpty());
        assertTrue(f.host.open.isEmpty());
    }

    /** END_AUTH, the failure text, END (each after the client's ACK). */
    private void expectFailure(ClientSim c) {
        List<Packet> out = c.fresh();
        Packet endAuth = out.get(out.size() - 1);
        assertArrayEquals(END_AUTH, endAuth.payload());
        c.ack(endAuth.end());
        Packet message = c.fresh().get(0);
        assertEquals(MacTelnetSession.LOGIN_FAILED, message.text());
        c.ack(message.end());
        assertEquals(MtPacketType.END, c.fresh().get(0).type());
    }
}
