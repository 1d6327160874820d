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
import macserver.console.TerminalSettings;
import macserver.mactelnet.LoginMaterial;
import macserver.mactelnet.MacServerHost;
import macserver.mactelnet.MacService;
import macserver.mactelnet.MacTerminal;
import macserver.mactelnet.MndpIdentity;
import macserver.mactelnet.Neighbour;
import macserver.mactelnet.OpenSession;

/**
 * A host for measuring the MAC server alone: one user, every MAC admitted to server 0, no idle
 * timeout, no MNDP, and terminals that print nothing and wait for input until the session ends
 * (so a session costs what the protocol layer and a parked terminal thread cost, not a CLI).
 */
final class IdleTerminalHost implements MacServerHost {

    private final String user;
    private final LoginMaterial material;
    private final int maxSessions;
    private final Set<OpenSession> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger runningTerminals = new AtomicInteger();
    private final AtomicLong failedLogins = new AtomicLong();

    IdleTerminalHost(String user, char[] password, int maxSessions, SecureRandom random) {
        this.user = user;
        this.material = new LoginMaterial(EcSrp5Verifier.create(user, password, random), null, true);
        this.maxSessions = maxSessions;
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
    public int admit(long clientMac, int ifIndex, MacService service) {
        return service == MacService.MAC_TELNET ? 0 : DROP;
    }

    @Override
    public boolean isBound(long clientMac) {
        return true;
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
        return new IdleTerminal();
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

    /** Reads and drops keystrokes until the input ends, as a CLI waiting at its prompt. */
    private final class IdleTerminal implements MacTerminal {
        private volatile InputStream input;

        @Override
        public void run(InputStream in, OutputStream out) throws IOException {
            input = in;
            runningTerminals.incrementAndGet();
            try {
                while (in.read() >= 0) {
                    // Idle: nothing is typed in this benchmark.
                }
            } finally {
                runningTerminals.decrementAndGet();
            }
        }

        @Override
        public void resize(int columns, int rows) {
            // Prints nothing, so the size does not matter.
        }

        @Override
        public void close() {
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
