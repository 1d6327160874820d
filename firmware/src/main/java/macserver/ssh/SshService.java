package macserver.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.auth.LoginName;
import macserver.cli.CliSessions;
import macserver.config.Change;
import macserver.config.ChangeListener;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.menus.ServiceMenus;
import macserver.config.menus.ServiceMenus.ServiceRow;
import macserver.policy.LoginGuard;
import macserver.users.LoginService;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

/**
 * The SSH server (Apache MINA SSHD) for {@code /ip service ssh}: password and public key logins,
 * shell and exec channels over the same CLI as the console, nothing else (no forwarding, no
 * subsystems, no agent). It listens while the service is enabled and moves when its port
 * changes; {@code address} and {@code max-sessions} apply to each new connection.
 */
public final class SshService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SshService.class.getName());
    /** MINA reports every connection at INFO; the firmware's log keeps only its warnings. */
    private static final Logger MINA_LOG = Logger.getLogger("org.apache.sshd");

    static {
        JdkEd25519.install(); // ssh-ed25519 keys and signatures, before MINA reads or makes a key
    }

    /**
     * Where and how the server listens. {@code portShift} is added to the service's port (as for
     * REST), so that a host run can use 8022 for 22 without root.
     *
     * @param maxUnauthenticated connections at most that have not logged in yet
     * @param loginTime how long a connection may take to log in before it is closed
     */
    public record Options(String listenAddress, int portShift, int maxUnauthenticated, Duration loginTime) {
        public Options {
            Objects.requireNonNull(listenAddress, "listenAddress");
            if (maxUnauthenticated < 1) {
                throw new IllegalArgumentException("maxUnauthenticated must be positive");
            }
        }

        public static Options defaults(String listenAddress, int portShift) {
            return new Options(listenAddress, portShift, 10, Duration.ofSeconds(30));
        }
    }

    private final ConfigModel model;
    private final CliSessions sessions;
    private final LoginService logins;
    private final Options options;
    private final SshHostKey hostKey;
    private final LoginGuard guard;
    private final ExecutorService restarter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ssh-restart");
        t.setDaemon(true);
        return t;
    });
    private SshServer server;
    private SessionGate gate;

    public SshService(ConfigModel model, CliSessions sessions, LoginService logins, Options options) throws ConfigException {
        MINA_LOG.setLevel(Level.WARNING);
        this.model = model;
        this.sessions = sessions;
        this.logins = logins;
        this.options = options;
        this.hostKey = SshHostKey.loadOrCreate(model);
        this.guard = new LoginGuard(model::now, 4096);
        model.addListener(serviceChanges);
    }

    private final ChangeListener serviceChanges = (changes, origin) -> {
        if (changes.stream().anyMatch(SshService::listenerChanged)) {
            restarter.execute(this::restart);
        }
    };

    private static boolean listenerChanged(Change c) {
        if (!c.menu().spacedPath().equals("/ip service") || c.id() != ServiceMenus.SSH_ID) {
            return false;
        }
        if (c.before() == null || c.after() == null) {
            return true;
        }
        return ServiceRow.listenerChanged(c.before(), c.after());
    }

    /** Listens if the service is enabled; a port that cannot be bound is logged, not fatal. */
    public synchronized void start() {
        int port = wantedPort();
        if (port < 0) {
            return;
        }
        SshServer s = build(port);
        try {
            s.start();
            server = s;
            LOG.info("ssh listening on " + address() + ", host key " + hostKey.fingerprint());
        } catch (IOException | RuntimeException e) {
            LOG.warning("ssh: cannot listen on " + options.listenAddress() + ":" + port + ": " + e.getMessage());
            closeQuietly(s);
        }
    }

    /** The port the service should listen on now, or -1 when it should not listen. */
    private int wantedPort() {
        Menu services = model.schema().menu("ip service");
        Object[] row = model.read(() -> model.table(services).get(ServiceMenus.SSH_ID));
        if (row == null || ServiceRow.disabled(row)) {
            return -1;
        }
        int port = ServiceRow.port(row) + options.portShift();
        if (port > 65535) {
            LOG.warning("ssh: port " + port + " out of range");
            return -1;
        }
        return port;
    }

    private SshServer build(int port) {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost(options.listenAddress());
        s.setPort(port);
        SshAlgorithms.applyTo(s);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey.pair()));
        SshLogins auth = new SshLogins(model, logins, guard);
        s.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        s.setPasswordAuthenticator(auth);
        s.setPublickeyAuthenticator(auth);
        s.setKeyboardInteractiveAuthenticator(null);
        s.setGSSAuthenticator(null);
        s.setHostBasedAuthenticator(null);
        s.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
        s.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        s.setSubsystemFactories(List.of());
        s.setShellFactory(this::shellFor);
        s.setCommandFactory((channel, command) -> new SshExec(sessions, command));
        CoreModuleProperties.AUTH_TIMEOUT.set(s, options.loginTime());
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(s, 6);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(s, "ROSSSH");
        gate = new SessionGate(this::limits, options.maxUnauthenticated());
        s.addSessionListener(gate);
        return s;
    }

    /** The console's terminal, or the plain one scripts ask for with the {@code e} login option. */
    private Command shellFor(ChannelSession channel) {
        LoginName name = LoginName.parse(channel.getSession().getUsername());
        return LoginOptions.parse(name.options()).dumb() ? new DumbShell(sessions, name.user())
                : new SshShell(sessions, logins);
    }

    private SessionGate.Limits limits() {
        Menu services = model.schema().menu("ip service");
        return model.read(() -> {
            Object[] row = model.table(services).get(ServiceMenus.SSH_ID);
            return new SessionGate.Limits(ServiceRow.address(row), ServiceRow.maxSessions(row));
        });
    }

    /** Where the server listens now (null when it does not). */
    public synchronized InetSocketAddress address() {
        if (server == null || !server.isStarted() || server.getBoundAddresses().isEmpty()) {
            return null;
        }
        return (InetSocketAddress) server.getBoundAddresses().iterator().next();
    }

    /** Connections open now that have not logged in yet. */
    public synchronized int unauthenticatedConnections() {
        return gate == null ? 0 : gate.unauthenticated();
    }

    /** The host key's fingerprint, {@code SHA256:...} as OpenSSH prints it. */
    public String hostKeyFingerprint() {
        return hostKey.fingerprint();
    }

    /**
     * Rebinds if the wanted port is not the one served; several changes in a row may find the
     * work done by an earlier restart, and then connections are left alone.
     */
    private synchronized void restart() {
        InetSocketAddress now = address();
        int wanted = wantedPort();
        if ((now == null && wanted < 0) || (now != null && now.getPort() == wanted)) {
            return;
        }
        stop();
        start();
    }

    private void stop() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
    }

    private static void closeQuietly(SshServer s) {
        try {
            s.stop(true);
        } catch (IOException e) {
            LOG.fine("ssh: stopping: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        model.removeListener(serviceChanges);
        restarter.shutdownNow();
        stop();
    }
}
