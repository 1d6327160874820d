package macserver.system.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A serial line made of two pseudo-terminals joined by socat: the firmware opens
 * {@link #routerEnd()}, the test talks to {@link #hostEnd()}. Closing kills socat, which makes the
 * line vanish for both ends, as an unplugged USB adapter would.
 */
public final class SocatPtyPair implements AutoCloseable {

    private final Path router;
    private final Path host;
    private final Process socat;

    private SocatPtyPair(Path router, Path host, Process socat) {
        this.router = router;
        this.host = host;
        this.socat = socat;
    }

    /** Starts socat with the links {@code ttyROUTER} and {@code ttyHOST} in {@code dir}. */
    public static SocatPtyPair start(Path dir) throws IOException, InterruptedException {
        Path router = dir.resolve("ttyROUTER");
        Path host = dir.resolve("ttyHOST");
        Process socat;
        try {
            socat = new ProcessBuilder("socat", "-d", "-d",
                    "pty,raw,echo=0,link=" + router, "pty,raw,echo=0,link=" + host)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("socat.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("socat is needed for the serial console test: apt-get install -y socat", e);
        }
        SocatPtyPair pair = new SocatPtyPair(router, host, socat);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!(Files.exists(router) && Files.exists(host))) {
            if (!socat.isAlive() || Instant.now().isAfter(deadline)) {
                pair.close();
                throw new IllegalStateException("socat did not create " + router + " and " + host
                        + "; see " + dir.resolve("socat.log"));
            }
            Thread.sleep(20);
        }
        return pair;
    }

    public Path routerEnd() {
        return router;
    }

    public Path hostEnd() {
        return host;
    }

    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        if (!socat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            socat.destroyForcibly().waitFor();
        }
    }
}
