package macserver.system.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The reference MAC-Telnet server, Debian 12's {@code mactelnetd} 0.4.4 (MD5 login only), in the
 * router namespace of a {@link Netns}: for proving the harness and for side-by-side runs.
 *
 * <p>mactelnetd 0.4.4 reads its users only from /etc/mactelnetd.users ({@code user:password},
 * root-owned, mode 600) and runs the shell as that Unix account. So {@link #start} makes a
 * throw-away system account (shell /bin/sh, prompt "$ "), adds its line to that file, and
 * {@link #close()} stops the server and its session shells, puts the file's old content back and
 * deletes the account. Two of these at once would fight over that file: use one at a time.
 *
 * <p>Quirks seen here: it needs an IPv4 address on the interface (without one it exits with
 * status 1 at once, saying why only to syslog); it logs only to syslog; and a SESSIONSTART for a
 * MAC that is not its own makes it crash (SIGSEGV: its "is this packet for me" check compares a
 * pointer with {@code < 0}, so a NULL interface is used). Since the clients broadcast, a client
 * connecting to any other MAC on the same segment kills it: keep it alone on its segment.
 */
public final class ReferenceServer implements AutoCloseable {
    public static final Path DAEMON = Path.of("/usr/sbin/mactelnetd");
    public static final Path USERS_FILE = Path.of("/etc/mactelnetd.users");
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Duration READY_LIMIT = Duration.ofSeconds(10);

    private final Netns netns;
    private final String user;
    private final String password;
    private final byte[] savedUsers;
    private final Process process;

    private ReferenceServer(Netns netns, String user, String password, byte[] savedUsers, Process process) {
        this.netns = netns;
        this.user = user;
        this.password = password;
        this.savedUsers = savedUsers;
        this.process = process;
    }

    /**
     * Starts {@code mactelnetd -f} (with {@code -n} if {@code raw}: replies as raw unicast frames)
     * in the router namespace, with one throw-away account {@code user}:{@code password}. Returns
     * when its MAC-Telnet port is bound. The router end must have an IPv4 address.
     */
    public static ReferenceServer start(Netns netns, String user, String password, boolean raw) {
        Netns.requireRoot();
        if (!Files.isExecutable(DAEMON)) {
            throw new IllegalStateException("missing peer: mactelnet-server 0.4.4 (" + DAEMON
                    + "; apt-get install mactelnet-server, or run tests/install-peers.sh as root)");
        }
        if (!netns.routerHasIpv4()) {
            throw new IllegalStateException("mactelnetd 0.4.4 needs an IPv4 address on its interface: use Netns.create()");
        }
        if (!user.matches("[a-z_][a-z0-9_-]{0,30}") || password.contains(":") || password.contains("\n")) {
            throw new IllegalArgumentException("user must be a plain Unix name and the password must hold no ':' or line end");
        }
        if (ProcessRun.run(LIMIT, "id", "-u", user).succeeded()) {
            throw new IllegalStateException("account " + user + " exists already: the test would delete it afterwards, pick another name");
        }
        byte[] saved = readUsers();
        ProcessRun.check(LIMIT, "useradd", "--system", "--no-create-home", "--home-dir", "/", "--shell", "/bin/sh", user);
        Process process = null;
        try {
            writeUsers(appendLine(saved, user + ":" + password));
            List<String> command = new ArrayList<>(List.of(DAEMON.toString(), "-f"));
            if (raw) {
                command.add("-n");
            }
            process = new ProcessBuilder(netns.inRouter(command)).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ReferenceServer server = new ReferenceServer(netns, user, password, saved, process);
            server.awaitListening();
            return server;
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                Processes.stop(process, Duration.ofSeconds(5));
            }
            restore(saved, user);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start " + DAEMON, io);
            }
            throw (RuntimeException) e;
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mactelnetd exited at once with status " + process.exitValue()
                        + " (it says why only to syslog; no IPv4 address on the interface is the usual reason)");
            }
            ProcessRun sockets = netns.runInRouter(LIMIT, "ss", "-Hlun", "sport", "=", ":20561");
            if (sockets.succeeded() && sockets.output().contains(":20561")) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("mactelnetd did not bind UDP port 20561 within " + READY_LIMIT.toSeconds() + " s");
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The MAC to connect to: the router end of the segment. */
    public String mac() {
        return netns.routerMac();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit status if it has ended (a crash by SIGSEGV shows as 139). */
    public Integer exitStatus() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** Stops the server and its session shells, restores /etc/mactelnetd.users and deletes the account. */
    @Override
    public void close() {
        try {
            Processes.stop(process, Duration.ofSeconds(5));
        } finally {
            restore(savedUsers, user);
        }
    }

    private static void restore(byte[] savedUsers, String user) {
        try {
            writeUsers(savedUsers);
        } finally {
            // A session shell may still be exiting: userdel refuses while the account has processes.
            ProcessHandle.allProcesses().filter(p -> p.info().user().filter(user::equals).isPresent())
                    .forEach(ProcessHandle::destroyForcibly);
            for (int attempt = 0; attempt < 20; attempt++) {
                ProcessRun deleted = ProcessRun.run(LIMIT, "userdel", user);
                if (deleted.succeeded() || !ProcessRun.run(LIMIT, "id", "-u", user).succeeded()) {
                    return;
                }
                sleep(100);
            }
            throw new IllegalStateException("could not delete the test account " + user);
        }
    }

    private static byte[] readUsers() {
        try {
            return Files.exists(USERS_FILE, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(USERS_FILE) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + USERS_FILE, e);
        }
    }

    /** Written in place, root-owned and mode 600, as mactelnetd wants it. */
    private static void writeUsers(byte[] content) {
        try {
            Files.write(USERS_FILE, content);
            Files.setPosixFilePermissions(USERS_FILE, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + USERS_FILE, e);
        }
    }

    private static byte[] appendLine(byte[] content, String line) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        return (text + line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
