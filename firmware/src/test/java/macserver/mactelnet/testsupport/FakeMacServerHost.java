package macserver.mactelnet.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import macserver.auth.EcSrp5Verifier;
import macserver.console.TerminalSettings;
import java.util.function.Consumer;
import macserver.mactelnet.Admission;
import macserver.mactelnet.DropReason;
import macserver.mactelnet.LoginMaterial;
import macserver.mactelnet.LoginRoute;
import macserver.mactelnet.MacServerHost;
import macserver.mactelnet.MacService;
import macserver.mactelnet.MacTerminal;
import macserver.mactelnet.MndpIdentity;
import macserver.mactelnet.Neighbour;
import macserver.mactelnet.OpenSession;
import macserver.mactelnet.RemoteLogin;
import macserver.mactelnet.RemoteVerdict;

/**
 * A host for tests: users set up in code, every MAC admitted to server 0 unless denied, a
 * per-server session cap, lockouts by hand, and a record of everything the server reported.
 * Terminals are {@link ScriptedTerminal}s.
 */
public final class FakeMacServerHost implements MacServerHost {

    private final Map<String, LoginMaterial> users = new HashMap<>();
    private final Set<Long> bound = Collections.synchronizedSet(new HashSet<>());
    private final Set<Long> denied = Collections.synchronizedSet(new HashSet<>());
    private final Set<Long> lockedOut = Collections.synchronizedSet(new HashSet<>());
    public final List<Long> failedLogins = Collections.synchronizedList(new ArrayList<>());
    public final List<Long> goodLogins = Collections.synchronizedList(new ArrayList<>());
    public final List<OpenSession> open = Collections.synchronizedList(new ArrayList<>());
    public final List<OpenSession> closed = Collections.synchronizedList(new ArrayList<>());
    public final List<Neighbour> neighbours = Collections.synchronizedList(new ArrayList<>());
    public final List<ScriptedTerminal> terminals = Collections.synchronizedList(new ArrayList<>());
    public volatile boolean pingAllowed = true;
    public volatile int maxSessions = 20;
    public volatile long idleTimeoutMillis;
    public volatile int[] discoveryInterfaces = {1};
    /** The route every login takes (LOCAL: no remote checks, as a host without RADIUS). */
    public volatile LoginRoute route = LoginRoute.LOCAL;
    /** Whether terminals greet the user at once; a silent one prints nothing until a line comes. */
    public volatile boolean greets = true;
    /** Remote checks asked for, and their callbacks, which the test answers when it likes. */
    public final List<RemoteLogin> remoteChecks = Collections.synchronizedList(new ArrayList<>());
    public final List<Consumer<RemoteVerdict>> remoteAnswers = Collections.synchronizedList(new ArrayList<>());
    public final List<String> remoteGroups = Collections.synchronizedList(new ArrayList<>());
    public final List<String> needsMd5 = Collections.synchronizedList(new ArrayList<>());

    /** A user with an EC-SRP5 verifier and, when {@code md5} is set, the plaintext for the MD5 login. */
    public FakeMacServerHost user(String name, String password, boolean md5) {
        EcSrp5Verifier verifier = EcSrp5Verifier.create(name, password.toCharArray(), new SecureRandom());
        users.put(name, new LoginMaterial(verifier, md5 ? password.getBytes(StandardCharsets.UTF_8) : null, true));
        return this;
    }

    public FakeMacServerHost user(String name, LoginMaterial material) {
        users.put(name, material);
        return this;
    }

    public FakeMacServerHost bind(long mac) {
        bound.add(mac);
        return this;
    }

    public FakeMacServerHost deny(long mac) {
        denied.add(mac);
        return this;
    }

    public FakeMacServerHost lockOut(long mac) {
        lockedOut.add(mac);
        return this;
    }

    @Override
    public long admit(long clientMac, long ethSource, int ifIndex, MacService service) {
        if (denied.contains(clientMac)) {
            return Admission.dropped(DropReason.DENY_BINDING);
        }
        if (service == MacService.MAC_PING && !pingAllowed) {
            return Admission.dropped(DropReason.PING_OFF);
        }
        if (service == MacService.MAC_TELNET && !maySessionStart(0)) {
            return Admission.dropped(DropReason.SERVER_FULL);
        }
        return Admission.admitted(0, bound.contains(clientMac));
    }

    @Override
    public boolean maySessionStart(int serverId) {
        return open.size() - closed.size() < maxSessions;
    }

    @Override
    public boolean isLockedOut(long clientMac, int serverId) {
        return lockedOut.contains(clientMac);
    }

    @Override
    public void loginFailed(long clientMac, int serverId) {
        failedLogins.add(clientMac);
    }

    @Override
    public void loginSucceeded(long clientMac, int serverId) {
        goodLogins.add(clientMac);
    }

    @Override
    public synchronized LoginMaterial loginMaterial(String user) {
        return users.get(user);
    }

    @Override
    public long idleTimeoutMillis(int serverId) {
        return idleTimeoutMillis;
    }

    @Override
    public void sessionOpened(OpenSession session) {
        open.add(session);
    }

    @Override
    public void sessionClosed(OpenSession session) {
        closed.add(session);
    }

    @Override
    public MacTerminal openTerminal(String user, TerminalSettings terminal) {
        ScriptedTerminal t = new ScriptedTerminal(user, terminal, greets);
        terminals.add(t);
        return t;
    }

    @Override
    public LoginRoute loginRoute(String user, int serverId) {
        return route;
    }

    @Override
    public void checkRemotely(RemoteLogin login, Consumer<RemoteVerdict> done) {
        remoteChecks.add(login);
        remoteAnswers.add(done);
    }

    @Override
    public MacTerminal openTerminal(String user, String group, TerminalSettings terminal) {
        remoteGroups.add(group);
        return openTerminal(user, terminal);
    }

    @Override
    public void remoteLoginNeedsMd5(String user, int serverId) {
        needsMd5.add(user);
    }

    @Override
    public MndpIdentity mndpIdentity() {
        return new MndpIdentity("router1", "7.15.3 (stable)", "MikroTik", "RB5009", "ABCD-1234", 3725);
    }

    @Override
    public int[] discoveryInterfaces() {
        return discoveryInterfaces;
    }

    @Override
    public String interfaceName(int ifIndex) {
        return "ether" + ifIndex;
    }

    @Override
    public void neighbourSeen(Neighbour neighbour) {
        neighbours.add(neighbour);
    }
}
