package macserver.system.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import macserver.auth.Md5Challenge;
import macserver.radius.AccessRequest;
import macserver.radius.ChapLogin;
import macserver.radius.MacAuthenticator;
import macserver.radius.MacFormat;
import macserver.radius.RadiusAttribute;
import macserver.radius.RadiusClient;
import macserver.radius.RadiusCodec;
import macserver.radius.RadiusResponse;
import macserver.radius.RadiusServer;
import macserver.system.peers.FreeRadius;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The firmware's RADIUS client against a real FreeRADIUS 3.2 on 127.0.0.1. */
class FreeRadiusClientTest {
    private static final String SECRET = "loopback-radius-secret-7";
    private static final String KNOWN_MAC = "00-01-02-03-04-05";
    private static final String CHAP_USER = "radius-only";
    private static final String CHAP_PASSWORD = "chap-pass-42";
    private static FreeRadius radius;

    @BeforeAll
    static void startServer() throws Exception {
        radius = FreeRadius.start(SECRET, List.of(
                new FreeRadius.User(KNOWN_MAC, KNOWN_MAC, List.of("Session-Timeout = 3600")),
                new FreeRadius.User(CHAP_USER, CHAP_PASSWORD, List.of())));
    }

    @AfterAll
    static void stopServer() {
        if (radius != null) {
            radius.close();
        }
    }

    private static RadiusServer server(InetSocketAddress address, String secret) {
        return new RadiusServer(address, secret.getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(300), null, true);
    }

    private static AccessRequest mac(String formatted) {
        return new AccessRequest(List.of(RadiusAttribute.text(RadiusAttribute.USER_NAME, formatted),
                RadiusAttribute.text(RadiusAttribute.CALLING_STATION_ID, formatted),
                RadiusAttribute.text(RadiusAttribute.NAS_IDENTIFIER, "macserver-test"),
                RadiusAttribute.integer(RadiusAttribute.NAS_PORT_TYPE, RadiusAttribute.PORT_TYPE_ETHERNET)),
                formatted.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void knownMacIsAcceptedWithItsSessionTimeout() {
        RadiusClient client = new RadiusClient(List.of(server(radius.address(), SECRET)), 3);
        RadiusResponse r = client.authenticate(mac(KNOWN_MAC)).orElseThrow();
        assertTrue(r.accepted(), radius.logText());
        assertEquals(3600, r.first(RadiusAttribute.SESSION_TIMEOUT).asInteger());
        assertEquals(0, client.statistics(0).badReplies());
    }

    @Test
    void unknownMacIsRejected() {
        // FreeRADIUS delays rejects by a second (reject_delay) by default: wait for it.
        RadiusClient patient = new RadiusClient(List.of(new RadiusServer(radius.address(),
                SECRET.getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(3), null, true)), 1);
        RadiusResponse r = patient.authenticate(mac("0A-0B-0C-0D-0E-0F")).orElseThrow();
        assertEquals(RadiusResponse.ACCESS_REJECT, r.code());
        assertEquals(1, patient.statistics(0).rejects());
    }

    @Test
    void mactelnetMd5LoginChecksAsChap() {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        Md5Challenge challenge = Md5Challenge.withSalt(salt);
        RadiusClient client = new RadiusClient(List.of(new RadiusServer(radius.address(),
                SECRET.getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(3), null, true)), 1);
        byte[] good = challenge.expectedResponse(CHAP_PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertTrue(client.authenticate(ChapLogin.accessRequest(CHAP_USER, salt, good, "macserver-test"))
                .orElseThrow().accepted(), radius.logText());
        byte[] bad = challenge.expectedResponse("wrong".getBytes(StandardCharsets.UTF_8));
        assertFalse(client.authenticate(ChapLogin.accessRequest(CHAP_USER, salt, bad, "macserver-test"))
                .orElseThrow().accepted());
    }

    @Test
    void floodOfKnocksReachesTheServerOncePerCacheLifetime() throws Exception {
        RadiusClient client = new RadiusClient(List.of(server(radius.address(), SECRET)), 3);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger decisions = new java.util.concurrent.atomic.AtomicInteger();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            MacAuthenticator auth = new MacAuthenticator(() -> client, executor, System::nanoTime,
                    (m, srv, outcome, response) -> {
                        decisions.incrementAndGet();
                        done.countDown();
                    });
            MacAuthenticator.Settings settings = new MacAuthenticator.Settings(MacFormat.DASHES, "macserver-test",
                    Duration.ofMinutes(5).toNanos(), Duration.ofMinutes(1).toNanos());
            long knownMac = 0x000102030405L;
            int before = radius.requests();
            int knocks = 20_000;
            long started = System.nanoTime();
            for (int i = 0; i < knocks; i++) {
                auth.request(knownMac, 1, settings);
            }
            assertTrue(done.await(5, java.util.concurrent.TimeUnit.SECONDS));
            // The listener hears before the cache holds the answer (on purpose: see MacAuthenticator),
            // so the first cached answer may come a moment after it.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (auth.request(knownMac, 1, settings).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            for (int i = 0; i < knocks; i++) {
                assertEquals(java.util.Optional.of(MacAuthenticator.Outcome.ACCEPT), auth.request(knownMac, 1, settings));
            }
            long micros = (System.nanoTime() - started) / 1000;
            Thread.sleep(200);
            assertEquals(1, radius.requests() - before, "one Access-Request for " + (2 * knocks) + " knocks");
            assertEquals(1, decisions.get());
            System.out.printf("radius flood: %d knocks, %d Access-Request, %d us%n", 2 * knocks,
                    radius.requests() - before, micros);
        }
    }

    @Test
    void wrongSharedSecretIsDetected() {
        RadiusClient client = new RadiusClient(List.of(server(radius.address(), "not-the-secret")), 2);
        Optional<RadiusResponse> r = client.authenticate(mac(KNOWN_MAC));
        // FreeRADIUS drops a request whose Message-Authenticator it cannot verify: no answer at all.
        assertTrue(r.isEmpty());
        assertEquals(1, client.statistics(0).timeouts());
    }

    @Test
    void firstServerDownSecondAnswers() throws Exception {
        InetSocketAddress down = new InetSocketAddress(InetAddress.getLoopbackAddress(), FreeRadius.freeUdpPort());
        RadiusClient client = new RadiusClient(List.of(server(down, SECRET), server(radius.address(), SECRET)), 2);
        assertTrue(client.authenticate(mac(KNOWN_MAC)).orElseThrow().accepted());
        assertEquals(1, client.statistics(0).timeouts());
        assertEquals(1, client.statistics(1).accepts());
    }

    @Test
    void forgedAcceptWithoutMessageAuthenticatorIsDropped() throws Exception {
        // An on-path forger between client and server: it knows how to make a valid Response
        // Authenticator (what Blast-RADIUS achieves by an MD5 collision) but not a Message-Authenticator.
        try (DatagramSocket front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread forger = Thread.ofVirtual().start(() -> {
                try {
                    byte[] buffer = new byte[4096];
                    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                    front.receive(in);
                    byte[] request = Arrays.copyOf(buffer, in.getLength());
                    byte[] forged = RadiusCodec.encodeResponse(RadiusResponse.ACCESS_ACCEPT, request[1] & 0xff,
                            Arrays.copyOfRange(request, 4, 20), SECRET.getBytes(StandardCharsets.US_ASCII), List.of(), false);
                    front.send(new DatagramPacket(forged, forged.length, in.getSocketAddress()));
                    back.send(new DatagramPacket(request, request.length, radius.address()));
                    DatagramPacket real = new DatagramPacket(new byte[4096], 4096);
                    back.receive(real);
                    front.send(new DatagramPacket(real.getData(), real.getLength(), in.getSocketAddress()));
                } catch (Exception e) {
                    // The test fails on its own if the forger stops early.
                }
            });
            RadiusClient client = new RadiusClient(List.of(new RadiusServer((InetSocketAddress) front.getLocalSocketAddress(),
                    SECRET.getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(3), null, true)), 1);
            RadiusResponse r = client.authenticate(mac("0A-0B-0C-0D-0E-0F")).orElseThrow();
            forger.join(5000);
            assertFalse(r.accepted(), "the forged Access-Accept must not win over the real Access-Reject");
            assertEquals(1, client.statistics(0).badReplies());
        }
    }
}
