package macserver.system.support;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The packaged firmware on loopback with its RouterOS API switched on (plain {@code api}, the
 * shifted 8728 at {@link #apiPort}), admin's password {@link #PASSWORD}, for tests and benchmarks
 * that talk to it from this JVM. The port shift is picked so that the API port is free; REST's
 * www-ssl sits at 443 plus the same shift.
 */
public record LoopbackApiFirmware(StdioFirmware console, int apiPort, int portShift) implements AutoCloseable {
    public static final String PASSWORD = "secret";

    public static LoopbackApiFirmware start(Path flash) throws IOException, InterruptedException {
        int shift = 0;
        for (int i = 0; i < 20 && shift <= 0; i++) {
            shift = StdioFirmware.freePort() - 8728;
        }
        int port = 8728 + shift;
        StdioFirmware fw = StdioFirmware.start(flash, "--rest-listen=127.0.0.1", "--rest-port-shift=" + shift);
        try {
            fw.send("/user set admin password=" + PASSWORD);
            fw.send("/ip service set api disabled=no");
            fw.await("api (RouterOS API) listening on /127.0.0.1:" + port, 120);
            return new LoopbackApiFirmware(fw, port, shift);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            fw.close();
            throw e;
        }
    }

    /** A new connection, logged in as admin. */
    public RawApiConnection login(int readTimeoutMillis) throws IOException {
        RawApiConnection c = new RawApiConnection("127.0.0.1", apiPort, readTimeoutMillis);
        var reply = c.call("/login", "=name=admin", "=password=" + PASSWORD);
        if (!reply.equals(java.util.List.of(java.util.List.of("!done")))) {
            c.close();
            throw new IOException("login refused: " + reply);
        }
        return c;
    }

    @Override
    public void close() throws InterruptedException {
        console.close();
    }
}
