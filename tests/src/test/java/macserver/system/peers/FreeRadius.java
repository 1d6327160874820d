package macserver.system.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A private FreeRADIUS 3.2 (Debian 12's {@code freeradius}) on 127.0.0.1, started in the
 * foreground with its debug log, with a copy of the system configuration in a temporary
 * directory: one client (localhost, the given secret, Message-Authenticator required) and one
 * virtual server that checks the {@code files} users with PAP and CHAP and puts a
 * Message-Authenticator into every Access-Accept and Access-Reject (3.2.1 does not on its own).
 * Counts the Access-Requests it receives from its debug log.
 */
public final class FreeRadius implements AutoCloseable {
    public static final Path DAEMON = Path.of("/usr/sbin/freeradius");
    private static final Path SYSTEM_CONFIG = Path.of("/etc/freeradius/3.0");
    private static final Duration READY_LIMIT = Duration.ofSeconds(20);

    /** One line of the users file: a name, its clear-text password and reply attributes ({@code A = v}). */
    public record User(String name, String password, List<String> reply) {
    }

    private final Path dir;
    private final Process process;
    private final int port;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> log = new ArrayList<>();

    private FreeRadius(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static FreeRadius start(String secret, List<User> users) throws IOException, InterruptedException {
        return startIn(null, secret, users);
    }

    /**
     * The same, inside network namespace {@code netns} (null: this one): on that namespace's own
     * loopback, where only what runs in the namespace (the firmware under test) reaches it.
     */
    public static FreeRadius startIn(String netns, String secret, List<User> users) throws IOException, InterruptedException {
        Netns.requireRoot();
        if (!Files.isExecutable(DAEMON)) {
            throw new IllegalStateException("missing peer: freeradius 3.2 (" + DAEMON
                    + "): run tests/install-peers.sh as root");
        }
        Path dir = Files.createTempDirectory("macserver-radius");
        Path raddb = dir.resolve("raddb");
        run("cp", "-r", SYSTEM_CONFIG.toString(), raddb.toString());
        run("sh", "-c", "rm -f '" + raddb + "'/sites-enabled/* '" + raddb + "'/mods-enabled/eap");
        int port = freeUdpPort();
        Files.writeString(raddb.resolve("clients.conf"), """
                client localhost {
                    ipaddr = 127.0.0.1
                    secret = %s
                    require_message_authenticator = yes
                }
                """.formatted(secret));
        StringBuilder authorize = new StringBuilder();
        for (User u : users) {
            authorize.append('"').append(u.name()).append("\" Cleartext-Password := \"").append(u.password()).append("\"\n");
            for (int i = 0; i < u.reply().size(); i++) {
                authorize.append("\t").append(u.reply().get(i)).append(i + 1 < u.reply().size() ? ",\n" : "\n");
            }
            authorize.append('\n');
        }
        Path files = raddb.resolve("mods-config/files/authorize");
        Files.writeString(files, authorize + Files.readString(files));
        Files.writeString(raddb.resolve("sites-enabled/mactest"), """
                server mactest {
                    listen {
                        type = auth
                        ipaddr = 127.0.0.1
                        port = %d
                    }
                    authorize {
                        preprocess
                        chap
                        files
                        pap
                    }
                    authenticate {
                        Auth-Type PAP {
                            pap
                        }
                        Auth-Type CHAP {
                            chap
                        }
                    }
                    post-auth {
                        update reply {
                            Message-Authenticator := 0x00
                        }
                        Post-Auth-Type REJECT {
                            update reply {
                                Message-Authenticator := 0x00
                            }
                        }
                    }
                }
                """.formatted(port));
        run("chown", "-R", "freerad:freerad", dir.toString());
        List<String> command = new ArrayList<>();
        if (netns != null) {
            command.addAll(List.of("ip", "netns", "exec", netns));
        }
        command.addAll(List.of(DAEMON.toString(), "-f", "-X", "-d", raddb.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        FreeRadius server = new FreeRadius(dir, process, port);
        CountDownLatch ready = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> server.readLog(ready));
        if (!ready.await(READY_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            server.close();
            throw new IllegalStateException("freeradius did not become ready: " + server.logText());
        }
        return server;
    }

    private void readLog(CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (log) {
                    log.add(line);
                }
                if (line.contains("Ready to process requests")) {
                    ready.countDown();
                } else if (line.contains("Received Access-Request")) {
                    requests.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Stops the server (a RADIUS server that goes down); {@link #close} still removes its files. */
    public void stop() {
        Processes.stop(process, Duration.ofSeconds(5));
    }

    /** Access-Requests received so far (resends included). */
    public int requests() {
        return requests.get();
    }

    public String logText() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** A UDP port on loopback where nothing listens (for a server that is down). */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(5));
        try {
            run("rm", "-rf", dir.toString());
        } catch (IOException | InterruptedException e) {
            throw new UncheckedIOException(new IOException("could not remove " + dir, e));
        }
    }
}
