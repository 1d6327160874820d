package macserver.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import macserver.auth.EcSrp5Verifier;
import macserver.cli.CliSessions;
import macserver.cli.ModelCliSessions;
import macserver.config.ConfigModel;
import macserver.config.Plane;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import macserver.console.TerminalSession;
import macserver.console.TerminalSettings;
import macserver.mactelnet.Admission;
import macserver.mactelnet.DropReason;
import macserver.mactelnet.LoginMaterial;
import macserver.mactelnet.MacServerHost;
import macserver.mactelnet.MacService;
import macserver.mactelnet.MacTerminal;
import macserver.mactelnet.MndpIdentity;
import macserver.mactelnet.Neighbour;
import macserver.mactelnet.OpenSession;
import macserver.users.LoginService;
import macserver.users.UserLoginService;

/**
 * A host for measuring the MAC server alone: one user, every MAC admitted to server 0, no idle
 * timeout, no MNDP, and terminals that print nothing and wait for input until the session ends
 * (so a session costs what the protocol layer and a parked terminal thread cost, not a CLI); or,
 * made with {@link #withCli}, the firmware's own CLI terminal (JLine line editor, banner and
 * prompt) on a factory-default configuration, as a MAC-Telnet user gets it.
 */
final class IdleTerminalHost implements MacServerHost {

    private final String user;
    private final LoginMaterial material;
    private final int maxSessions;
    private final Set<OpenSession> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger runningTerminals = new AtomicInteger();
    private final AtomicLong failedLogins = new AtomicLong();
    private CliSessions cli;
    private LoginService cliLogins;

    IdleTerminalHost(String user, char[] password, int maxSessions, SecureRandom random) {
        this.user = user;
        this.material = new LoginMaterial(EcSrp5Verifier.create(user, password, random), null, true);
        this.maxSessions = maxSessions;
    }

    /** Terminals are the firmware's CLI from now on. */
    IdleTerminalHost withCli() throws macserver.config.ConfigException {
        ConfigModel model = new ConfigModel(StandardSchema.create(new LiveStatus()), () -> System.currentTimeMillis() / 1000);
        FactoryDefaults.apply(model);
        cli = new ModelCliSessions(model, "bench");
        cliLogins = new UserLoginService(model);
        return this;
    }

    /** Sessions logged in and not yet reported closed. */
    int openSessions() {
        return open.size();
    }

    /** Terminal threads inside {@link MacTerminal#run} now. */
    int runningTerminals() {
        return runningTerminals.get();
    }

    long failedLogins() {
        return failedLogins.get();
    }

    /** The verifier the server checks logins against, for the math-only baseline. */
    EcSrp5Verifier verifier() {
        return material.verifier();
    }

    @Override
    public long admit(long clientMac, long ethSource, int ifIndex, MacService service) {
        if (service != MacService.MAC_TELNET) {
            return Admission.dropped(DropReason.PING_OFF);
        }
        return maySessionStart(0) ? Admission.admitted(0, true) : Admission.dropped(DropReason.SERVER_FULL);
    }

    @Override
    public boolean maySessionStart(int serverId) {
        return open.size() < maxSessions;
    }

    @Override
    public boolean isLockedOut(long clientMac, int serverId) {
        return false;
    }

    @Override
    public void loginFailed(long clientMac, int serverId) {
        failedLogins.incrementAndGet();
    }

    @Override
    public void loginSucceeded(long clientMac, int serverId) {
        // Nothing to clear: no lockouts here.
    }

    @Override
    public LoginMaterial loginMaterial(String name) {
        return user.equals(name) ? material : null;
    }

    @Override
    public long idleTimeoutMillis(int serverId) {
        return 0;
    }

    @Override
    public void sessionOpened(OpenSession session) {
        open.add(session);
    }

    @Override
    public void sessionClosed(OpenSession session) {
        open.remove(session);
    }

    @Override
    public MacTerminal openTerminal(String name, TerminalSettings terminal) {
        return new CountedTerminal(cli == null ? null : MacTerminal.of(new TerminalSession(
                TerminalSession.Config.loggedIn(name, Plane.MAC_TELNET, terminal), cli, cliLogins)));
    }

    @Override
    public MndpIdentity mndpIdentity() {
        return new MndpIdentity("bench", "7.15.3 (stable)", "MikroTik", "RB5009", "BENCH-0001", 0);
    }

    @Override
    public int[] discoveryInterfaces() {
        return new int[0];
    }

    @Override
    public String interfaceName(int ifIndex) {
        return "ether" + ifIndex;
    }

    @Override
    public void neighbourSeen(Neighbour neighbour) {
        // No MNDP in this benchmark.
    }

    /**
     * Counted while it runs: the CLI given, or with none, one that reads and drops keystrokes
     * until the input ends, as a CLI waiting at its prompt.
     */
    private final class CountedTerminal implements MacTerminal {
        private final MacTerminal cliTerminal;
        private volatile InputStream input;

        CountedTerminal(MacTerminal cliTerminal) {
            this.cliTerminal = cliTerminal;
        }

        @Override
        public void run(InputStream in, OutputStream out) throws IOException, InterruptedException {
            input = in;
            runningTerminals.incrementAndGet();
            try {
                if (cliTerminal != null) {
                    cliTerminal.run(in, out);
                    return;
                }
                while (in.read() >= 0) {
                    // Idle: nothing is typed in this benchmark.
                }
            } finally {
                runningTerminals.decrementAndGet();
            }
        }

        @Override
        public void resize(int columns, int rows) {
            if (cliTerminal != null) {
                cliTerminal.resize(columns, rows);
            }
        }

        @Override
        public void close() {
            if (cliTerminal != null) {
                cliTerminal.close();
            }
            InputStream in = input;
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // The session closes the input itself as well; nothing is lost.
                }
            }
        }
    }
}
