package macserver.system.peers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The EC-SRP5 reference server, Debian 13's {@code mactelnetd} 0.6.1 (unpacked with the 0.6.1
 * client by tests/fetch-trixie-mactelnet.sh), in the router namespace of a {@link Netns}.
 *
 * <p>Like 0.4.4 ({@link ReferenceServer}) it reads its users only from /etc/mactelnetd.users and
 * runs each session as a Unix account; unlike 0.4.4 it keeps an EC-SRP5 verifier and salt there
 * instead of the password, written by its own {@code mactelnetd -a}. So {@link #start} makes a
 * throw-away system account, lets the daemon add its verifier, and {@link #close()} stops the
 * daemon and its shells, puts the file's old content back and deletes the account. It shares that
 * file with {@link ReferenceServer}: run one of them at a time.
 */
public final class EcSrp5ReferenceServer implements AutoCloseable {
    private static final Path USERS_FILE = ReferenceServer.USERS_FILE;
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Duration READY_LIMIT = Duration.ofSeconds(10);

    private final String user;
    private final String password;
    private final byte[] savedUsers;
    private final Process process;

    private EcSrp5ReferenceServer(String user, String password, byte[] savedUsers, Process process) {
        this.user = user;
        this.password = password;
        this.savedUsers = savedUsers;
        this.process = process;
    }

    /** Whether the 0.6.1 daemon is in the trixie cache (fetch-trixie-mactelnet.sh puts it there). */
    public static boolean isInstalled() {
        return Files.isExecutable(ClientVersion.trixieCache().resolve("root/usr/sbin/mactelnetd"))
                && ClientVersion.V0_6_1.isInstalled();
    }

    /** Starts {@code mactelnetd -f} 0.6.1 in the router namespace with the account {@code user}; returns once it listens. */
    public static EcSrp5ReferenceServer start(Netns netns, String user, String password) {
        Netns.requireRoot();
        if (!isInstalled()) {
            throw new IllegalStateException("missing peer: mactelnet-server 0.6.1 (Debian 13) in " + ClientVersion.trixieCache()
                    + ": run tests/fetch-trixie-mactelnet.sh");
        }
        if (!netns.routerHasIpv4()) {
            throw new IllegalStateException("mactelnetd needs an IPv4 address on its interface: use Netns.create()");
        }
        if (!user.matches("[a-z_][a-z0-9_-]{0,30}") || password.contains(":") || password.contains("\n")) {
            throw new IllegalArgumentException("user must be a plain Unix name and the password must hold no ':' or line end");
        }
        if (ProcessRun.run(LIMIT, "id", "-u", user).succeeded()) {
            throw new IllegalStateException("account " + user + " exists already: the benchmark would delete it afterwards");
        }
        byte[] saved = readUsers();
        ProcessRun.check(LIMIT, "useradd", "--system", "--no-create-home", "--home-dir", "/", "--shell", "/bin/sh", user);
        Process process = null;
        try {
            ProcessRun.check(LIMIT, daemon("-a", "-u", user, "-p", password).toArray(String[]::new));
            process = new ProcessBuilder(netns.inRouter(daemon("-f"))).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            awaitListening(netns, process);
            return new EcSrp5ReferenceServer(user, password, saved, process);
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                Processes.stop(process, Duration.ofSeconds(5));
            }
            restore(saved, user);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start mactelnetd 0.6.1", io);
            }
            throw (RuntimeException) e;
        }
    }

    private static List<String> daemon(String... arguments) {
        return ClientVersion.V0_6_1.command("mactelnetd", List.of(arguments));
    }

    private static void awaitListening(Netns netns, Process process) {
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mactelnetd 0.6.1 exited at once with status " + process.exitValue());
            }
            ProcessRun sockets = netns.runInRouter(LIMIT, "ss", "-Hlun", "sport", "=", ":20561");
            if (sockets.succeeded() && sockets.output().contains(":20561")) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("mactelnetd 0.6.1 did not bind UDP port 20561 within " + READY_LIMIT.toSeconds() + " s");
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

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
            Files.write(USERS_FILE, savedUsers);
            Files.setPosixFilePermissions(USERS_FILE, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + USERS_FILE, e);
        } finally {
            // A session shell may still be exiting: userdel refuses while the account has processes.
            ProcessHandle.allProcesses().filter(p -> p.info().user().filter(user::equals).isPresent())
                    .forEach(ProcessHandle::destroyForcibly);
            for (int attempt = 0; attempt < 20 && ProcessRun.run(LIMIT, "id", "-u", user).succeeded(); attempt++) {
                ProcessRun.run(LIMIT, "userdel", user);
                sleep(100);
            }
        }
    }

    private static byte[] readUsers() {
        try {
            return Files.exists(USERS_FILE, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(USERS_FILE) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + USERS_FILE, e);
        }
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
