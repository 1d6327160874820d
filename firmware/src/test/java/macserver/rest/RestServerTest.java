package macserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.ServiceMenus;
import macserver.testsupport.TestModels;
import macserver.users.UserLoginService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server on loopback with Java's HttpClient over TLS, trusting exactly the server's certificate. */
class RestServerTest {
    private ConfigModel model;
    private UserLoginService logins;
    private RestServer server;
    private HttpClient client;
    private URI https;
    private int wwwPort;

    @BeforeEach
    void setUp() throws Exception {
        model = TestModels.fresh().model;
        logins = new UserLoginService(model);
        int sslPort = freePort();
        wwwPort = freePort();
        setService(ServiceMenus.WWW_SSL_ID, Map.of("port", (Object) (long) sslPort));
        setService(ServiceMenus.WWW_ID, Map.of("port", (Object) (long) wwwPort, "disabled", false));
        WwwCertificate cert = WwwCertificate.create("router", Instant.now());
        server = new RestServer(model, logins, cert, new RestServer.Options("127.0.0.1", 0, 64 * 1024, 2, 3, 2, 4));
        server.start();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("router", cert.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
        https = URI.create("https://127.0.0.1:" + sslPort);
    }

    @AfterEach
    void tearDown() {
        server.close();
        client.close();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void setService(int id, Map<String, Object> values) throws Exception {
        Menu services = model.schema().menu("ip service");
        model.write(Origin.SYSTEM, tx -> {
            Map<macserver.config.Property, Object> typed = new java.util.HashMap<>();
            values.forEach((k, v) -> typed.put(services.property(k), k.equals("address")
                    ? java.util.List.of(v.toString()) : v));
            tx.set(services, id, typed);
            return null;
        });
    }

    private HttpResponse<String> send(String method, String path, String user, String password, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(https.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminWithTheFactoryEmptyPasswordIsRefusedThenAdmittedWithARealOne() throws Exception {
        HttpResponse<String> refused = send("GET", "/ip/mac-server", "admin", "", null);
        assertEquals(401, refused.statusCode());
        assertEquals("{\"error\":401,\"message\":\"Unauthorized\"}", refused.body());
        assertTrue(refused.headers().firstValue("www-authenticate").orElse("").startsWith("Basic"));
        logins.changePassword("admin", "secret".toCharArray());
        assertEquals(401, send("GET", "/ip/mac-server", "admin", "wrong", null).statusCode());
        assertEquals(401, send("GET", "/ip/mac-server", null, null, null).statusCode());
        HttpResponse<String> ok = send("GET", "/ip/mac-server", "admin", "secret", null);
        assertEquals(200, ok.statusCode());
        assertEquals("[]", ok.body());
    }

    @Test
    void theSeedsExamplesOverTls() throws Exception {
        logins.changePassword("admin", "secret".toCharArray());
        assertEquals(200, send("PUT", "/rest/ip/mac-server", "admin", "secret", "{\"name\":\"my-mac-server\"}").statusCode());
        HttpResponse<String> list = send("GET", "/ip/mac-server", "admin", "secret", null);
        assertTrue(list.body().matches("\\[\\{\"\\.id\":\"\\*1\",\"comment\":null,\"default\":false,\"disabled\":false,"
                + "\"hash\":\"[0-9a-f]{64}\",\"name\":\"my-mac-server\"}]"), list.body());
        HttpResponse<String> created = send("POST", "/ip/mac-server/binding", "admin", "secret",
                "{\"mac-address\": \"00:01:02:03:04:05\", \"server\": \"my-mac-server\"}");
        assertTrue(created.body().matches("\\{\"\\.id\":\"\\*1\",\"retry\":null,\"time\":\\d+,\"timeout\":null}"), created.body());
        HttpResponse<String> byEncodedId = send("GET", "/rest/ip/mac-server/binding/%2A1", "admin", "secret", null);
        assertEquals(200, byEncodedId.statusCode());
        assertTrue(byEncodedId.body().contains("\"mac-address\":\"00:01:02:03:04:05\""), byEncodedId.body());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        logins.changePassword("admin", "secret".toCharArray());
        String big = "{\"name\":\"" + "x".repeat(100 * 1024) + "\"}";
        HttpResponse<String> r = send("PUT", "/rest/ip/mac-server", "admin", "secret", big);
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("\"error\":413"), r.body());
        assertEquals("[]", send("GET", "/rest/ip/mac-server", "admin", "secret", null).body());
    }

    private static String plainGet(Socket s) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write("GET /rest/ip/mac-server HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] buf = new byte[4096];
        int n = s.getInputStream().read(buf);
        return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
    }

    /** One request with Basic credentials on a kept-alive connection; the whole answer. */
    private static String authedGet(Socket s, String user, String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        out.write(("GET /rest/system/identity HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " + auth + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] buf = new byte[4096];
        int n = s.getInputStream().read(buf);
        return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
    }

    private Socket connectFrom(String source) throws Exception {
        Socket s = new Socket();
        s.bind(new java.net.InetSocketAddress(source, 0));
        s.connect(new java.net.InetSocketAddress("127.0.0.1", wwwPort));
        s.setSoTimeout(20_000);
        return s;
    }

    @Test
    void sessionsBeyondMaxSessionsAreRefusedWith503AndTheOthersServed() throws Exception {
        logins.changePassword("admin", "secret".toCharArray());
        setService(ServiceMenus.WWW_ID, Map.of("max-sessions", 2L));
        try (Socket a = connect(); Socket b = connect(); Socket c = connect()) {
            assertTrue(authedGet(a, "admin", "secret").startsWith("HTTP/1.1 200"));
            assertTrue(authedGet(b, "admin", "secret").startsWith("HTTP/1.1 200"));
            String third = authedGet(c, "admin", "secret");
            assertTrue(third.startsWith("HTTP/1.1 503") && third.contains("max-sessions"), third);
            assertEquals(-1, c.getInputStream().read(), "the third connection is closed");
            assertTrue(authedGet(a, "admin", "secret").startsWith("HTTP/1.1 200"), "the first two are still served");
        }
    }

    @Test
    void connectionsThatNeverLogInDoNotCrowdOutAnAdministrator() throws Exception {
        logins.changePassword("admin", "secret".toCharArray());
        setService(ServiceMenus.WWW_ID, Map.of("max-sessions", 2L));
        List<Socket> idle = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                idle.add(connectFrom("127.0.0.2"));
            }
            for (int i = 0; i < 3; i++) {
                try (Socket admin = connect()) {
                    assertTrue(authedGet(admin, "admin", "secret").startsWith("HTTP/1.1 200"), "attempt " + i);
                }
            }
            // From the same address as the idle ones, too: a new connection pushes the oldest out.
            try (Socket admin = connectFrom("127.0.0.2")) {
                assertTrue(authedGet(admin, "admin", "secret").startsWith("HTTP/1.1 200"));
            }
            assertEquals(-1, idle.getFirst().getInputStream().read(), "the oldest waiting connection was closed");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void aConnectionThatDoesNotLogInInTimeIsClosedEvenWhenBusy() throws Exception {
        try (Socket s = connect()) {
            long start = System.nanoTime();
            String answer;
            // A request a second keeps the idle timer (2 s) quiet; the login deadline (4 s) closes it.
            do {
                answer = plainGet(s);
                Thread.sleep(1000);
            } while (!answer.isEmpty() && System.nanoTime() - start < 30_000_000_000L);
            assertEquals("", answer);
        }
    }

    @Test
    void aSourceThatKeepsGuessingIsLockedOutAndOthersAreNot() throws Exception {
        logins.changePassword("admin", "secret".toCharArray());
        try (Socket guesser = connectFrom("127.0.0.3")) {
            for (int i = 0; i < LoginThrottle.RETRY; i++) {
                assertTrue(authedGet(guesser, "admin", "guess" + i).startsWith("HTTP/1.1 401"), "guess " + i);
            }
        }
        try (Socket guesser = connectFrom("127.0.0.3")) {
            String locked = authedGet(guesser, "admin", "secret");
            assertTrue(locked.startsWith("HTTP/1.1 429") && locked.contains("too many failed logins"), locked);
        }
        try (Socket other = connectFrom("127.0.0.4")) {
            assertTrue(authedGet(other, "admin", "secret").startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void anIdleClientIsDisconnected() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /rest/ip/mac-ser".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "closed after the idle timeout, not left hanging");
        }
    }

    @Test
    void aClientTricklingItsRequestIsCutOffAt408() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            byte[] request = "GET /rest/ip/mac-server HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII);
            StringBuilder answer = new StringBuilder();
            InputStream in = s.getInputStream();
            // A byte every half second keeps the idle timer (2 s) from firing; the deadline (3 s) does.
            s.setSoTimeout(500);
            for (int i = 0; i < request.length; i++) {
                try {
                    out.write(request[i]);
                    out.flush();
                } catch (java.io.IOException closed) {
                    break;
                }
                try {
                    int b;
                    while ((b = in.read()) >= 0) {
                        answer.append((char) b);
                    }
                    break;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing yet: send the next byte
                }
            }
            assertTrue(answer.toString().startsWith("HTTP/1.1 408"), answer.toString());
            assertTrue(answer.toString().contains("\"error\":408"), answer.toString());
        }
    }

    @Test
    void anAddressOutsideTheAllowListIsClosed() throws Exception {
        setService(ServiceMenus.WWW_ID, Map.of("address", "10.0.0.0/8"));
        try (Socket s = connect()) {
            assertEquals("", plainGet(s));
        }
    }

    @Test
    void aNewPortRebindsTheService() throws Exception {
        int port = freePort();
        setService(ServiceMenus.WWW_ID, Map.of("port", (long) port));
        for (int i = 0; i < 500 && (server.address(ServiceMenus.WWW_ID) == null
                || server.address(ServiceMenus.WWW_ID).getPort() != port); i++) {
            Thread.sleep(10);
        }
        wwwPort = port;
        try (Socket s = connect()) {
            assertTrue(plainGet(s).startsWith("HTTP/1.1 401"));
        }
    }

    private Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", wwwPort);
        s.setSoTimeout(20_000);
        return s;
    }
}
