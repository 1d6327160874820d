package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import macserver.system.peers.ClientVersion;
import macserver.system.peers.MacTelnetClient;
import macserver.system.peers.Netns;
import macserver.system.peers.ProcessRun;
import macserver.system.support.RestFirmware;
import macserver.system.support.RestFirmware.Answer;
import macserver.system.support.StdioFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's attacks on the CLI and REST (rows 8, 9, 13, 14, 17), replayed against the packaged
 * firmware: a pattern that backtracks exponentially, connections that never log in, a neighbour
 * whose identity is terminal escapes, a password guesser, and JSON that should not pass.
 */
class CliRestHardeningSystemTest {
    private static final String EVIL_PATTERN = "(((.+)*)*)*x";

    @TempDir
    Path dir;

    @Test
    void aCatastrophicPatternAnswersAtOnceAndDoesNotHoldWritersUp() throws Exception {
        try (RestFirmware fw = RestFirmware.start(dir.resolve("flash.img"))) {
            StdioFirmware console = fw.console();
            console.send("/ip mac-server add name=s1");
            for (int i = 0; i < 8; i++) {
                console.send("/ip mac-server binding add server=s1 mac-address=00:01:02:03:04:0" + i);
            }
            mark(console, "done-adding", 60);
            long start = System.nanoTime();
            console.send("/ip mac-server binding print count-only where mac-address~\"" + EVIL_PATTERN + "\"");
            console.send(marker("after-print"));
            // While the print runs, an administrator writes over REST (it waited 2.8-7.6 s before).
            Answer write = fw.curl("admin", "PATCH", "/rest/ip/mac-server/s1", "{\"comment\":\"changed\"}");
            long writeMillis = (System.nanoTime() - start) / 1_000_000;
            console.awaitLine("after-print", 30);
            long printMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, write.status(), write.body());
            assertTrue(console.transcript().contains("\n0\n"), console.transcript());
            System.out.printf("regex print + REST write: print %d ms, write %d ms%n", printMillis, writeMillis);
            assertTrue(printMillis < 10_000, "print took " + printMillis + " ms");
            assertTrue(writeMillis < 10_000, "write took " + writeMillis + " ms");
        }
    }

    @Test
    void connectionsThatNeverStartTlsDoNotLockTheAdministratorOut() throws Exception {
        try (RestFirmware fw = RestFirmware.start(dir.resolve("flash.img"))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 25; i++) {
                    Socket s = new Socket();
                    s.bind(new InetSocketAddress("127.0.0.2", 0));
                    s.connect(new InetSocketAddress("127.0.0.1", fw.port()), 10_000);
                    held.add(s);
                }
                int ok = 0;
                for (int i = 0; i < 12; i++) {
                    if (fw.curl("admin", "GET", "/rest/system/identity", null).status() == 200) {
                        ok++;
                    }
                }
                assertEquals(12, ok, "admin requests answered while 25 connections sat without TLS");
                // The same from the attacker's own address: the newest connection pushes the oldest out.
                assertEquals(200, fw.curlFrom("127.0.0.2", "admin", RestFirmware.PASSWORD, "GET", "/rest/system/identity",
                        null).status());
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aPasswordGuesserIsLockedOutAndNobodyElseIs() throws Exception {
        try (RestFirmware fw = RestFirmware.start(dir.resolve("flash.img"))) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(fw.curlFrom("127.0.0.3", "admin", "guess" + i, "GET", "/rest/system/identity", null).status());
            }
            assertEquals(List.of(401, 401, 401, 401, 401, 429, 429, 429), statuses);
            Answer right = fw.curlFrom("127.0.0.3", "admin", RestFirmware.PASSWORD, "GET", "/rest/system/identity", null);
            assertEquals(429, right.status(), "the right password is refused too while locked out");
            assertTrue(right.body().contains("too many failed logins"), right.body());
            assertEquals(200, fw.curl("admin", "GET", "/rest/system/identity", null).status(), "another source");
        }
    }

    @Test
    void jsonThatWouldConfuseOrDeceiveIsRefusedAndGetallIsARead() throws Exception {
        try (RestFirmware fw = RestFirmware.start(dir.resolve("flash.img"))) {
            assertEquals(200, fw.curl("admin", "PUT", "/rest/ip/mac-server", "{\"name\":\"s1\"}").status());
            String[] refused = {
                "{\"name\":\"*1\"}", "{\"name\":\"0\"}", "{\"name\":\"[find]\"}", "{\"name\":\"a\\u202Eb\"}",
            };
            for (String body : refused) {
                Answer a = fw.curl("admin", "PUT", "/rest/ip/mac-server", body);
                assertEquals(400, a.status(), body + " -> " + a.body());
            }
            Answer surrogate = fw.curl("admin", "PATCH", "/rest/ip/mac-server/s1", "{\"comment\":\"\\ud800x\"}");
            assertEquals(400, surrogate.status(), surrogate.body());
            Answer array = fw.curl("admin", "PUT", "/rest/ip/mac-server/binding",
                    "{\"mac-address\":[\"00:01:02:03:04:05\"],\"server\":\"s1\"}");
            assertEquals(400, array.status(), array.body());
            Answer getall = fw.curl("reader", "POST", "/rest/ip/mac-server/getall", "{}");
            assertEquals(200, getall.status(), getall.body());
            Answer all = fw.curl("admin", "GET", "/rest/ip/mac-server", null);
            assertTrue(all.body().startsWith("[{\".id\":\"*1\"") && !all.body().contains("*2")
                    && !all.body().contains("\"comment\""), all.body());
            assertEquals("[]", fw.curl("admin", "GET", "/rest/ip/mac-server/binding", null).body());
        }
    }

    @Test
    void aNeighboursIdentityFullOfEscapesIsPrintedEscapedAndAUserNameCannotForgeALogLine() throws Exception {
        try (Netns net = Netns.create(false);
             StdioFirmware fw = StdioFirmware.startIn(net.routerNamespace(), dir.resolve("flash.img"),
                     "--interfaces=" + net.routerInterface())) {
            fw.await("MAC server answering on " + net.routerInterface(), 60);
            byte[] frame = mndp(net.clientMac(), "evil\u001b[2J\u001b[31m\u0007\r\nforged line\u202e");
            for (int i = 0; i < 30 && !neighbourHeard(fw); i++) {
                ProcessRun.run(Duration.ofSeconds(20), net.inClient(List.of("sh", "-c",
                        "socat -u STDIN UDP4-DATAGRAM:255.255.255.255:5678,broadcast < " + write(frame))));
            }
            for (String layout : List.of("", " detail", " terse")) {
                fw.send("/ip neighbor print" + layout);
                fw.send(marker("end-of-print"));
                String line = fw.await("evil", 30);
                assertTrue(line.contains("evil\\1B[2J\\1B[31m\\07\\r\\nforged line\\E2\\80\\AE"), layout + ": " + line);
                fw.awaitLine("end-of-print", 30);
            }
            // A user name off the wire in a log line: RADIUS logins with no RADIUS server answering.
            fw.send("/radius add address=127.0.0.1 authentication-port=9 secret=x service=login timeout=500ms");
            fw.send("/ip mac-server add name=r authentication=radius default=yes");
            mark(fw, "radius-ready", 30);
            try (MacTelnetClient c = MacTelnetClient.start(net, ClientVersion.V0_4_4, net.routerMac(),
                    "x\nmacserver: SEVERE: forged", "pw")) {
                assertEquals(MacTelnetClient.Outcome.LOGIN_FAILED, c.login(Pattern.compile("> $"), Duration.ofSeconds(60)),
                        c.transcript());
            }
            String logged = fw.await("no RADIUS server answered", 60);
            assertTrue(logged.endsWith("for the login of x\\nmacserver: SEVERE: forged"), logged);
            String transcript = fw.transcript();
            assertFalse(transcript.contains("\u001b") || transcript.contains("\u0007") || transcript.contains("\u202e"),
                    transcript);
            assertFalse(transcript.lines().anyMatch(l -> l.startsWith("forged line") || l.startsWith("macserver: SEVERE")),
                    transcript);
        }
    }

    /** A console line whose answer is {@code text} alone: the router's identity, set to it. */
    private static String marker(String text) {
        return "/system identity set name=" + text + "; /system identity get name";
    }

    private static void mark(StdioFirmware console, String text, int seconds) throws Exception {
        console.send(marker(text));
        console.awaitLine(text, seconds);
    }

    private static boolean neighbourHeard(StdioFirmware fw) throws Exception {
        fw.send("/ip neighbor print count-only");
        fw.send(marker("counted"));
        String count = fw.awaitMatching("\\d+|counted", 30);
        if (!count.equals("counted")) {
            fw.awaitLine("counted", 30);
        }
        if (count.equals("0") || count.equals("counted")) {
            TimeUnit.MILLISECONDS.sleep(200);
            return false;
        }
        return true;
    }

    private Path write(byte[] frame) throws Exception {
        Path f = dir.resolve("mndp.bin");
        java.nio.file.Files.write(f, frame);
        return f;
    }

    /** An MNDP announcement as RouterOS sends it: header, then type-length-value fields. */
    private static byte[] mndp(String mac, String identity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 0, 1});
        byte[] macBytes = new byte[6];
        String[] parts = mac.split(":");
        for (int i = 0; i < 6; i++) {
            macBytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        field(out, 1, macBytes);
        field(out, 5, identity.getBytes(StandardCharsets.UTF_8));
        field(out, 7, "7.16".getBytes(StandardCharsets.UTF_8));
        field(out, 8, "MikroTik".getBytes(StandardCharsets.UTF_8));
        field(out, 16, "ether9".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int type, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putShort((short) type).putShort((short) value.length).array());
        out.writeBytes(value);
    }

}
