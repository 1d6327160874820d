package macserver.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import macserver.cli.CliSessions;
import macserver.cli.ModelCliSessions;
import macserver.config.ConfigModel;
import macserver.config.Plane;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import macserver.console.TerminalSession;
import macserver.console.TerminalSettings;
import macserver.users.LoginService;
import macserver.users.UserLoginService;

/**
 * What a MAC-Telnet login's last step costs inside the firmware, without the network: a
 * logged-in terminal made as a MAC-Telnet session makes it (factory configuration, user admin),
 * run on its own thread, timed from its creation until its output ends with the prompt; then
 * closed. Prints the median and 99th percentile of each round, and how many writes the output
 * took (each write can become a DATA packet of its own). For a profile, run under JFR.
 *
 * <p>Arguments: [rounds (5)] [terminals per round (200)].
 */
public final class TerminalStartBenchmark {

    private TerminalStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        ConfigModel model = new ConfigModel(StandardSchema.create(new LiveStatus()), () -> System.currentTimeMillis() / 1000);
        FactoryDefaults.apply(model);
        CliSessions cli = new ModelCliSessions(model, "bench");
        LoginService logins = new UserLoginService(model);
        TerminalSettings settings = new TerminalSettings("vt102", 80, 24);
        for (int r = 0; r < rounds; r++) {
            long[] took = new long[count];
            long[] writes = new long[count];
            for (int i = 0; i < count; i++) {
                PromptWatch out = new PromptWatch("] > ");
                BlockingInput in = new BlockingInput();
                TerminalSession session = new TerminalSession(TerminalSession.Config.loggedIn("admin", Plane.MAC_TELNET,
                        settings), cli, logins);
                long t0 = System.nanoTime();
                Thread t = Thread.ofVirtual().start(() -> {
                    try {
                        session.run(in, out);
                    } catch (IOException | InterruptedException e) {
                        // closed
                    }
                });
                if (!out.seen.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no prompt: " + out);
                }
                took[i] = out.at - t0;
                writes[i] = out.writes;
                session.close();
                t.join();
            }
            Arrays.sort(took);
            Arrays.sort(writes);
            System.out.printf(Locale.ROOT, "round %d: p50 %.3f ms, p99 %.3f ms, max %.3f ms, writes p50 %d%n", r,
                    took[count / 2] / 1e6, took[(int) Math.ceil(count * 0.99) - 1] / 1e6, took[count - 1] / 1e6,
                    writes[count / 2]);
        }
    }

    /** Output that notes when it first ends with the prompt, and how many writes it took to get there. */
    private static final class PromptWatch extends OutputStream {
        private final String prompt;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch seen = new CountDownLatch(1);
        volatile long at;
        volatile int writes;

        PromptWatch(String prompt) {
            this.prompt = prompt;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            if (seen.getCount() > 0) {
                writes++;
                if (bytes.toString(java.nio.charset.StandardCharsets.UTF_8).endsWith(prompt)) {
                    at = System.nanoTime();
                    seen.countDown();
                }
            }
        }

        @Override
        public synchronized String toString() {
            return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Input that never has a key, gives up its wait on interrupt (as a MAC-Telnet session's does) and ends on close. */
    private static final class BlockingInput extends InputStream {
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            while (!closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
            }
            return -1;
        }

        @Override
        public synchronized void close() {
            closed = true;
            notifyAll();
        }
    }
}
