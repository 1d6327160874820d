package macserver.console;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.cli.CliSessions;
import macserver.config.Plane;
import macserver.users.LoginService;

/**
 * The board's serial console: a {@link TerminalSession} with login on a serial device, brought
 * back after every logout. When the device cannot be opened, fails or vanishes it logs one line
 * and tries again after a growing pause, so a USB adapter can be unplugged and plugged back in.
 */
public final class SerialConsole implements Console {

    private static final Logger LOG = Logger.getLogger(SerialConsole.class.getName());

    /** Room for a pasted script and then some; past this a flood of input is dropped, not buffered. */
    private static final int RX_FIFO_BYTES = 256 * 1024;

    private final String device;
    private final int speed;
    private final CliSessions sessions;
    private final LoginService logins;
    private final SerialLine.Opener opener;
    private final Backoff backoff;
    private final TerminalSession.Config config;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object lock = new Object();
    private volatile boolean stopped;
    private Thread thread;
    private SerialLine line;
    private TerminalSession session;

    SerialConsole(String device, int speed, CliSessions sessions, LoginService logins, SerialLine.Opener opener,
            Backoff backoff) {
        this.device = Objects.requireNonNull(device, "device");
        this.speed = speed;
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.logins = Objects.requireNonNull(logins, "logins");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.config = TerminalSession.Config.withLogin(Plane.SERIAL, TerminalSettings.SERIAL_DEFAULT);
    }

    /** A console on a real device (jSerialComm, or termios where it has no library), retrying between 0.5 and 5 seconds. */
    static SerialConsole onDevice(String device, int speed, CliSessions sessions, LoginService logins) {
        return new SerialConsole(device, speed, sessions, logins, SerialLine.system(),
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5)));
    }

    void start() {
        synchronized (lock) {
            thread = Thread.ofPlatform().name("console-serial").daemon(true).start(this::serve);
        }
    }

    private void serve() {
        boolean failing = false;
        try {
            while (!stopped) {
                boolean sawInput = false;
                try {
                    sawInput = serveOnce();
                    if (!stopped) {
                        LOG.log(Level.WARNING, "serial console " + device + ": device lost, reopening");
                    }
                    failing = false;
                } catch (IOException | RuntimeException e) {
                    // One line per outage, not one per retry.
                    if (!failing) {
                        LOG.log(Level.WARNING, "serial console " + device + ": " + e + "; retrying");
                    }
                    failing = true;
                } catch (InterruptedException e) {
                    // Only stop() ends the console; JLine can leave a stray interrupt behind when a line dies.
                    Thread.interrupted();
                }
                if (sawInput) {
                    backoff.reset();
                }
                pause(backoff.next());
            }
        } finally {
            ended.countDown();
        }
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            // stop() interrupts to cut the pause short; the loop condition decides.
            Thread.interrupted();
        }
    }

    /** Opens the device and runs sessions on it until its input ends; true if it ever received a byte. */
    /** The first opening is logged, with how the line is driven; reopenings after an outage are not. */
    private boolean announced;

    private boolean serveOnce() throws IOException, InterruptedException {
        SerialLine opened = opener.open(device, speed);
        if (!announced) {
            LOG.info("serial console on " + opened + " at " + speed + " baud");
            announced = true;
        }
        TerminalSession running = new TerminalSession(config, sessions, logins);
        synchronized (lock) {
            if (stopped) {
                opened.close();
                return false;
            }
            line = opened;
            session = running;
        }
        CountingInput input = new CountingInput(new InputFifo(opened.input(), RX_FIFO_BYTES, "console-serial"));
        try (opened) {
            running.run(input, opened.output());
            return input.count() > 0;
        } finally {
            synchronized (lock) {
                line = null;
                session = null;
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
        synchronized (lock) {
            if (session != null) {
                session.close();
            }
            if (line != null) {
                try {
                    line.close();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "closing " + device, e);
                }
            }
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    @Override
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    /** Counts the bytes that came in, to tell a working line from one that fails at once. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private volatile long count;

        CountingInput(java.io.InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
