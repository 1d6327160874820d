package macserver.system.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import macserver.system.support.LoopbackApiFirmware;
import macserver.system.support.RawApiConnection;
import macserver.system.support.StdioFirmware;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile input on the packaged firmware's API (plain, on loopback): truncated words,
 * oversized lengths, the reserved 0xF8 prefix, commands before login and a flood of sentences.
 * Each gets {@code !trap} or {@code !fatal} and a closed connection, and a well-behaved session
 * opened beside them keeps getting its answers.
 */
class ApiFramingSystemTest {
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    @TempDir
    static Path dir;
    private static LoopbackApiFirmware router;
    private static StdioFirmware firmware;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        router = LoopbackApiFirmware.start(dir.resolve("flash.img"));
        firmware = router.console();
        port = router.apiPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (router != null) {
            router.close();
        }
    }

    private static RawApiConnection connect() throws IOException {
        return new RawApiConnection("127.0.0.1", port, READ_TIMEOUT_MILLIS);
    }

    private static RawApiConnection loggedIn() throws IOException {
        return router.login(READ_TIMEOUT_MILLIS);
    }

    /** A separate session logs in and prints: the others' trouble costs it nothing. */
    private static void anotherSessionIsServed() throws IOException {
        long start = System.nanoTime();
        try (RawApiConnection c = loggedIn()) {
            assertEquals(List.of(List.of("!re", "=name=MikroTik", ".tag=ok"), List.of("!done", ".tag=ok")),
                    c.call("/system/identity/print", ".tag=ok"));
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "served within 20 s");
    }

    @Test
    void theReservedPrefixAndMeaninglessOnesAreFatal() throws IOException {
        for (int first : List.of(0xF8, 0xFF, 0xF3)) {
            try (RawApiConnection c = loggedIn()) {
                c.write(new byte[] {(byte) first, 0, 0, 0, 1, 'x', 0});
                assertEquals(List.of("!fatal", String.format("bad length prefix 0x%02X", first)), c.read());
                assertTrue(c.closedByRouter());
            }
        }
        anotherSessionIsServed();
    }

    @Test
    void anOversizedLengthIsFatalBeforeItsBytesArrive() throws IOException {
        try (RawApiConnection c = connect()) {
            c.write(new byte[] {(byte) 0xEF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            assertEquals(List.of("!fatal", "word of 268435455 bytes is over the limit of 65536"), c.read());
            assertTrue(c.closedByRouter());
        }
        try (RawApiConnection c = loggedIn()) {
            String big = "=comment=" + "x".repeat(60_000);
            byte[] words = RawApiConnection.sentence("/ip/mac-server/add", big, big, big, big, big, big, big, big, big,
                    big, big, big, big, big, big, big, big, big);
            c.write(words);
            assertEquals(List.of("!fatal", "sentence is over the limit of 1048576 bytes"), c.read());
            assertTrue(c.closedByRouter());
        }
        anotherSessionIsServed();
    }

    @Test
    void aHalfSentWordIsCutOffAfterThirtySeconds() throws IOException {
        try (RawApiConnection c = loggedIn()) {
            long start = System.nanoTime();
            c.write(new byte[] {20, '/', 's', 'y', 's'});
            anotherSessionIsServed();
            assertEquals(List.of("!fatal", "sentence not completed within 30 s"), c.read());
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds >= 29 && seconds < 59, seconds + " s");
            assertTrue(c.closedByRouter());
        }
    }

    @Test
    void commandsBeforeLoginAreRefusedAndTheThirdEndsTheConnection() throws IOException {
        try (RawApiConnection c = connect()) {
            assertEquals(List.of(List.of("!trap", "=message=not logged in", ".tag=1"), List.of("!done", ".tag=1")),
                    c.call("/system/identity/set", "=name=intruder", ".tag=1"));
            assertEquals(List.of(List.of("!trap", "=message=invalid user name or password (6)"), List.of("!done")),
                    c.call("/login", "=name=admin", "=password=guess"));
            assertEquals(List.of(List.of("!fatal", "not logged in")), c.call("/ip/mac-server/print"));
            assertTrue(c.closedByRouter());
        }
        try (RawApiConnection c = loggedIn()) {
            assertEquals("=name=MikroTik", c.call("/system/identity/print").getFirst().get(1), "nothing was changed");
        }
    }

    @Test
    void aFloodOfSentencesWaitsInItsOwnSocketWhileOthersAreServed() throws Exception {
        try (RawApiConnection flooder = loggedIn()) {
            byte[] one = RawApiConnection.sentence("/ip/mac-server/print");
            byte[] burst = new byte[one.length * 10_000];
            for (int i = 0; i < 10_000; i++) {
                System.arraycopy(one, 0, burst, i * one.length, one.length);
            }
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        flooder.write(burst); // a million sentences, never reading an answer
                    }
                } catch (IOException e) {
                    // the router may close it; either way the flood ends
                }
            });
            Thread.sleep(2000);
            assertTrue(writer.isAlive(), "the router stopped reading the flood, so its writes block");
            anotherSessionIsServed();
            flooder.close();
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(writer.isAlive());
        }
        anotherSessionIsServed();
    }

    @Test
    void connectionsBeyondMaxSessionsAreClosedAtOnce() throws Exception {
        firmware.send("/ip service set api max-sessions=2");
        firmware.send("/ip service print");
        firmware.awaitMatching("\\s*\\d+\\s+api\\s+\\d+\\s+2\\s*", 30);
        try (RawApiConnection a = loggedIn(); RawApiConnection b = loggedIn(); RawApiConnection c = connect()) {
            // A connection counts once it has logged in (one that never does is cut at the login
            // deadline instead), so the third is refused at its login, not at its connect.
            c.send("/login", "=name=admin", "=password=" + LoopbackApiFirmware.PASSWORD);
            assertEquals(List.of("!fatal", "too many sessions"), c.read());
            assertTrue(c.closedByRouter(), "the third connection is closed");
            assertEquals("!re", a.call("/system/identity/print").getFirst().getFirst());
            assertEquals("!re", b.call("/system/identity/print").getFirst().getFirst());
        } finally {
            firmware.send("/ip service set api max-sessions=20");
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            assertTrue(s.isConnected());
        }
    }
}
