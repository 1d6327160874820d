package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialConsoleTest {

    private final FakeCliSessions cli = new FakeCliSessions();
    private final FakeLoginService logins = new FakeLoginService().withUser("admin", "secret");

    /** A line whose input ends after a fixed text, as when the device vanishes. */
    private record ScriptedLine(InputStream input, OutputStream output) implements SerialLine {
        @Override
        public void close() {
        }
    }

    /** A line that waits for input that never comes, until it is closed. */
    private static final class IdleLine implements SerialLine {
        private final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public InputStream input() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return -1;
                }
            };
        }

        @Override
        public OutputStream output() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void retriesAMissingDeviceServesItAndReopensItWhenItVanishes() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        CountDownLatch idle = new CountDownLatch(1);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        SerialLine.Opener opener = (device, speed) -> {
            int n = opens.incrementAndGet();
            if (n <= 2) {
                throw new IOException("no such device");
            }
            if (n == 3) {
                return new ScriptedLine(new ByteArrayInputStream(
                        "admin\rsecret\r/ip print\r".getBytes(StandardCharsets.UTF_8)), screen);
            }
            idle.countDown();
            return new IdleLine();
        };
        SerialConsole console = new SerialConsole("/dev/ttyTEST", 115200, cli, logins, opener,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)));

        console.start();
        assertTrue(idle.await(30, TimeUnit.SECONDS), "console never reopened the device");
        console.stop();
        console.awaitEnd();

        assertEquals(4, opens.get());
        assertEquals(List.of("/ip print"), cli.executed);
        assertTrue(screen.toString(StandardCharsets.UTF_8).contains("MikroTik Login: "));
    }
}
