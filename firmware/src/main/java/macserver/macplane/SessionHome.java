package macserver.macplane;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import macserver.cli.CliSessions;
import macserver.config.Plane;
import macserver.console.TerminalSession;
import macserver.console.TerminalSettings;
import macserver.mactelnet.MacTerminal;
import macserver.mactelnet.OpenSession;
import macserver.mactelnet.SessionHost;
import macserver.policy.MacPolicy;
import macserver.policy.ServerPolicy;
import macserver.policy.SessionRegistry;
import macserver.users.LoginService;

/**
 * Where MAC-Telnet sessions live once logged in: the instance's max-sessions and idle timeout,
 * the session registry ({@code /tool mac-server sessions}), and the CLI each session drives.
 */
final class SessionHome implements SessionHost {
    private final MacPolicy policy;
    private final SessionRegistry sessions;
    private final CliSessions cli;
    private final LoginService logins;
    private final SessionEvents events;
    private final IntFunction<String> interfaceNames;
    private final Map<OpenSession, Integer> registered = new ConcurrentHashMap<>();

    SessionHome(MacPolicy policy, SessionRegistry sessions, CliSessions cli, LoginService logins, SessionEvents events,
            IntFunction<String> interfaceNames) {
        this.policy = policy;
        this.sessions = sessions;
        this.cli = cli;
        this.logins = logins;
        this.events = events;
        this.interfaceNames = interfaceNames;
    }

    @Override
    public boolean maySessionStart(int serverId) {
        ServerPolicy p = policy.server(serverId);
        return p != null && sessions.count(serverId) < p.maxSessions();
    }

    @Override
    public long idleTimeoutMillis(int serverId) {
        ServerPolicy p = policy.server(serverId);
        return p == null ? 0 : p.idleTimeoutSeconds() * 1000;
    }

    @Override
    public void sessionOpened(OpenSession session) {
        var info = session.info();
        int id = sessions.open(info.serverId(), Integer.MAX_VALUE, info.clientMac(), info.interfaceName(), info.user(),
                session::end);
        registered.put(session, id);
        events.sessionOpened(info.user(), info.clientMac(), info.serverId());
    }

    @Override
    public void sessionClosed(OpenSession session) {
        Integer id = registered.remove(session);
        if (id != null) {
            sessions.close(id);
            var info = session.info();
            events.sessionClosed(info.user(), info.clientMac(), info.serverId());
        }
    }

    @Override
    public MacTerminal openTerminal(String user, TerminalSettings terminal) {
        return MacTerminal.of(new TerminalSession(TerminalSession.Config.loggedIn(user, Plane.MAC_TELNET, terminal),
                cli, logins));
    }

    @Override
    public MacTerminal openTerminal(String user, String group, TerminalSettings terminal) {
        return MacTerminal.of(new TerminalSession(
                TerminalSession.Config.loggedIn(user, Plane.MAC_TELNET, terminal).withGroup(group), cli, logins));
    }

    @Override
    public String interfaceName(int ifIndex) {
        return interfaceNames.apply(ifIndex);
    }
}
