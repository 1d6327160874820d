package macserver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import macserver.auth.Credentials;
import macserver.board.BoardProfile;
import macserver.cli.CliSessions;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Plane;
import macserver.config.menus.InterfaceMenus;
import macserver.config.menus.InterfaceMenus.MemberRow;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.RadiusMenus;
import macserver.config.menus.SystemMenus;
import macserver.console.TerminalSession;
import macserver.console.TerminalSettings;
import macserver.datapath.DataPath;
import macserver.datapath.DataPathException;
import macserver.datapath.LinkInfo;
import macserver.mac.MacAddress;
import macserver.mactelnet.Admission;
import macserver.mactelnet.DropReason;
import macserver.mactelnet.LoginMaterial;
import macserver.mactelnet.LoginRoute;
import macserver.mactelnet.MacServer;
import macserver.mactelnet.MacServerConfig;
import macserver.mactelnet.MacServerHost;
import macserver.mactelnet.MacService;
import macserver.mactelnet.MacTerminal;
import macserver.mactelnet.MndpIdentity;
import macserver.mactelnet.Neighbour;
import macserver.mactelnet.OpenSession;
import macserver.mactelnet.RemoteLogin;
import macserver.mactelnet.RemoteVerdict;
import macserver.mqtt.ManagementEvents;
import macserver.policy.LastSeen;
import macserver.policy.LoginGuard;
import macserver.policy.MacPolicy;
import macserver.policy.RadiusBindings;
import macserver.policy.RadiusServers;
import macserver.policy.ServerPolicy;
import macserver.policy.SessionRegistry;
import macserver.radius.MacFormat;
import macserver.radius.RadiusLogins;
import macserver.system.NeighborTable;
import macserver.users.LoginService;
import macserver.users.UserDirectory;

/**
 * The MAC server plane: raw sockets on the board's interfaces, the MAC-Telnet/MAC-Ping/MNDP
 * protocol layer, and what that layer asks of the rest of the firmware (policy, users, sessions,
 * the CLI, discovery). Without raw-socket rights it logs one line and the firmware goes on.
 */
public final class MacServerPlane implements MacServerHost, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MacServerPlane.class.getName());

    private final ConfigModel model;
    private final BoardProfile board;
    private final CliSessions cli;
    private final LoginService logins;
    private final MacPolicy policy;
    private final UserDirectory users;
    private final LoginGuard guard;
    private final SessionRegistry sessions;
    private final NeighborTable neighbors;
    private final LastSeen lastSeen = new LastSeen(16);
    private final Map<OpenSession, Integer> registered = new ConcurrentHashMap<>();
    /** {identity name, MNDP software id}, replaced whole by {@link #rememberIdentity}. */
    private volatile String[] identity;
    private final long startMillis = System.currentTimeMillis();
    private final String version;
    private volatile Map<Integer, String> names = Map.of();
    private volatile int[] discovery = new int[0];
    private DataPath dataPath;
    private MacServer server;
    private final RadiusBindings radius;
    private final RadiusLogins radiusLogins;
    private final java.util.concurrent.ExecutorService radiusLoginThreads =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    private volatile ManagementEvents events;

    public MacServerPlane(ConfigModel model, BoardProfile board, String version, CliSessions cli, LoginService logins,
                          LiveStatus live) {
        this.model = model;
        this.board = board;
        this.version = version;
        this.cli = cli;
        this.logins = logins;
        this.policy = new MacPolicy(model, Map.of());
        this.users = new UserDirectory(model);
        RadiusServers radiusServers = new RadiusServers(model);
        this.radius = new RadiusBindings(model, policy.knocks(), radiusServers);
        this.radiusLogins = new RadiusLogins(() -> radiusServers.client(RadiusServers.LOGIN), radiusLoginThreads);
        live.radiusStatistics = radiusServers::statistics;
        this.guard = new LoginGuard(model::now, 4096);
        this.sessions = new SessionRegistry(model::now);
        this.neighbors = new NeighborTable(model::now, 1024, 180);
        live.sessions = () -> sessions.rows(id -> {
            ServerPolicy p = policy.server(id);
            return p == null ? "" : p.name();
        });
        live.sessionCount = id -> sessions.count(id);
        live.neighbors = neighbors::rows;
        live.serverPackets = id -> {
            ServerPolicy p = policy.server(id);
            return p == null ? 0L : p.counters().packets();
        };
        live.drops = policy::dropRows;
        live.serverDrops = id -> {
            ServerPolicy p = policy.server(id);
            return p == null ? 0L : p.counters().drops();
        };
        live.endSession = sessions::end;
        live.lastSeen = mac -> {
            long at = lastSeen.lastHeard(mac);
            return at < 0 ? null : Math.max(0, model.now() - at);
        };
        model.addListener((changes, origin) -> {
            rebuildDiscovery();
            rememberIdentity();
        });
        model.readLocked(this::rememberIdentity);
    }

    /** Reports sessions and failed logins to {@code events} (the MQTT agent's event stream). */
    public void reportTo(ManagementEvents events) {
        this.events = events;
    }

    private String serverName(int serverId) {
        ServerPolicy p = policy.server(serverId);
        return p == null ? null : p.name();
    }


    /** Opens raw sockets on {@code interfaces} and starts answering; false when raw sockets are not allowed. */
    public boolean start(List<String> interfaces) {
        if (interfaces.isEmpty()) {
            LOG.info("no interfaces for the MAC server: MAC-Telnet, MAC-Ping and MNDP are off");
            return false;
        }
        server = new MacServer(this, MacServerConfig.forHeap(board.heapCapMib()));
        try {
            dataPath = DataPath.open(interfaces, server);
        } catch (DataPathException e) {
            LOG.warning(e.getMessage());
            return false;
        }
        Map<String, Integer> byName = new HashMap<>();
        Map<Integer, String> byIndex = new HashMap<>();
        for (LinkInfo link : dataPath.links()) {
            byName.put(link.name(), link.ifIndex());
            byIndex.put(link.ifIndex(), link.name());
        }
        names = Map.copyOf(byIndex);
        policy.setInterfaces(byName);
        model.readLocked(this::rebuildDiscovery);
        server.start(dataPath.sender());
        if (Boolean.getBoolean("macserver.debug")) {
            Thread.ofPlatform().daemon().start(() -> {
                while (true) {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    LOG.info("counters: " + server.counters().snapshot() + " data path: " + dataPath.counters());
                }
            });
        }
        LOG.info("MAC server answering on " + String.join(", ", byName.keySet()));
        return true;
    }

    private void rebuildDiscovery() {
        int list = SystemMenus.discoverInterfaceList(model);
        Map<Integer, String> ifs = names;
        int[] out;
        if (list == InterfaceMenus.LIST_ALL_ID) {
            out = ifs.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        } else {
            Menu members = model.schema().menu("interface list member");
            java.util.Set<String> wanted = new java.util.HashSet<>();
            for (var it = model.table(members).iterator(); it.hasNext(); ) {
                Object[] m = it.next().getValue();
                if (MemberRow.list(m) == list && !MemberRow.disabled(m)) {
                    wanted.add(MemberRow.interfaceName(m));
                }
            }
            out = ifs.entrySet().stream().filter(e -> wanted.contains(e.getValue()))
                    .mapToInt(Map.Entry::getKey).sorted().toArray();
        }
        discovery = out;
    }

    @Override
    public long admit(long clientMac, long ethSource, int ifIndex, MacService service) {
        long a = policy.admit(clientMac, ethSource, ifIndex, service);
        if (Admission.isDropped(a) && Admission.reason(a) == DropReason.SOURCE_MISMATCH) {
            return a; // not heard from that MAC: it is someone claiming to be it
        }
        lastSeen.touch(clientMac, System.currentTimeMillis() / 1000);
        if (service == MacService.MAC_TELNET && !Admission.isDropped(a) && !maySessionStart(Admission.serverId(a))) {
            return policy.drop(Admission.serverId(a), DropReason.SERVER_FULL);
        }
        return a;
    }

    @Override
    public boolean maySessionStart(int serverId) {
        ServerPolicy p = policy.server(serverId);
        return p != null && sessions.count(serverId) < p.maxSessions();
    }

    @Override
    public boolean isLockedOut(long clientMac, int serverId) {
        return guard.isLockedOut(clientMac);
    }

    @Override
    public void loginFailed(long clientMac, int serverId) {
        ServerPolicy p = policy.server(serverId);
        boolean lockedOut = p != null && guard.failed(clientMac, policy.loginRetry(clientMac, p), p.lockoutSeconds());
        if (lockedOut) {
            LOG.info("MAC " + MacAddress.format(clientMac) + " locked out for " + p.lockoutSeconds() + " s after failed logins");
        }
        ManagementEvents e = events;
        if (e != null) {
            e.loginFailed(Plane.MAC_TELNET, MacAddress.format(clientMac), serverName(serverId), lockedOut);
        }
    }

    @Override
    public void loginSucceeded(long clientMac, int serverId) {
        guard.succeeded(clientMac);
    }

    @Override
    public LoginMaterial loginMaterial(String user) {
        UserDirectory.Entry e = users.find(user);
        if (e == null) {
            return null;
        }
        Credentials c = e.credentials();
        return new LoginMaterial(c.ecSrp5Verifier(), users.openMd5(e), e.mayUse("telnet") && !c.isEmptyPassword());
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
        ManagementEvents e = events;
        if (e != null) {
            e.sessionOpened(Plane.MAC_TELNET, info.user(), MacAddress.format(info.clientMac()), serverName(info.serverId()));
        }
    }

    @Override
    public void sessionClosed(OpenSession session) {
        Integer id = registered.remove(session);
        if (id != null) {
            sessions.close(id);
            ManagementEvents e = events;
            var info = session.info();
            if (e != null) {
                e.sessionClosed(Plane.MAC_TELNET, info.user(), MacAddress.format(info.clientMac()), serverName(info.serverId()));
            }
        }
    }

    @Override
    public MacTerminal openTerminal(String user, TerminalSettings terminal) {
        return MacTerminal.of(new TerminalSession(TerminalSession.Config.loggedIn(user, Plane.MAC_TELNET, terminal),
                cli, logins));
    }

    /**
     * By the server's {@code authentication} list in its order: {@code local} decides for users
     * that exist here, {@code radius} for everyone else; with radius listed first, a local user is
     * checked locally only when no RADIUS server answers.
     */
    @Override
    public LoginRoute loginRoute(String user, int serverId) {
        ServerPolicy p = policy.server(serverId);
        List<String> order = p == null ? List.of() : p.authentication();
        int local = order.indexOf("local");
        int radius = order.indexOf("radius");
        if (radius < 0) {
            return LoginRoute.LOCAL;
        }
        if (local < 0 || users.find(user) == null) {
            return LoginRoute.REMOTE;
        }
        return local < radius ? LoginRoute.LOCAL : LoginRoute.REMOTE_THEN_LOCAL;
    }

    /**
     * RADIUS CHAP to the {@code /radius} entries with service=login. An accept gets the group its
     * Mikrotik-Group names, else {@code /user aaa default-group}; a group that does not exist
     * here refuses the login.
     */
    @Override
    public void checkRemotely(RemoteLogin login, java.util.function.Consumer<RemoteVerdict> done) {
        String nas = cli.identity();
        radiusLogins.check(new RadiusLogins.Request(login.user(), login.salt(), login.response(), nas,
                MacFormat.DASHES.format(login.clientMac())), answer -> done.accept(switch (answer.outcome()) {
                    case ACCEPT -> acceptedAs(login.user(), answer.group());
                    case REJECT -> RemoteVerdict.REJECT;
                    case UNAVAILABLE -> {
                        LOG.info("no RADIUS server answered for the login of " + login.user());
                        yield RemoteVerdict.UNAVAILABLE;
                    }
                }));
    }

    private RemoteVerdict acceptedAs(String user, String named) {
        String group = named != null ? named : model.read(() -> RadiusMenus.defaultGroup(model));
        boolean exists = model.read(() -> model.idByName(model.schema().menu("user group"), group) >= 0);
        if (!exists) {
            LOG.warning("RADIUS accepted " + user + " with group " + group + ", which does not exist here: refused");
            return RemoteVerdict.REJECT;
        }
        return RemoteVerdict.accept(group);
    }

    @Override
    public MacTerminal openTerminal(String user, String group, TerminalSettings terminal) {
        return MacTerminal.of(new TerminalSession(
                TerminalSession.Config.loggedIn(user, Plane.MAC_TELNET, terminal).withGroup(group), cli, logins));
    }

    @Override
    public void remoteLoginNeedsMd5(String user, int serverId) {
        LOG.info("EC-SRP5 login by " + user + " refused: only RADIUS could admit this user, and RADIUS can check"
                + " MD5 logins only (mactelnet 0.4.4, or 0.6.x with -o)");
    }

    @Override
    public MndpIdentity mndpIdentity() {
        // Asked under the MAC server's lock: from the copy a change listener keeps, never the model.
        String[] idAndSoftId = identity;
        return new MndpIdentity(idAndSoftId[0], version + " (macserver)", "MikroTik", board.model(), idAndSoftId[1],
                (System.currentTimeMillis() - startMillis) / 1000);
    }

    /** With the model locked (listener or readLocked): the identity name and the MNDP software id. */
    private void rememberIdentity() {
        String name = SystemMenus.identity(model);
        byte[] id = SystemMenus.deviceIdentifier(model, "mndp softid", 4);
        String softId = null;
        if (id != null) {
            String hex = java.util.HexFormat.of().withUpperCase().formatHex(id);
            softId = hex.substring(0, 4) + "-" + hex.substring(4);
        }
        identity = new String[] {name, softId};
    }

    @Override
    public int[] discoveryInterfaces() {
        return discovery;
    }

    @Override
    public String interfaceName(int ifIndex) {
        String n = names.get(ifIndex);
        return n == null ? "if" + ifIndex : n;
    }

    @Override
    public void neighbourSeen(Neighbour n) {
        var a = n.announcement();
        String address = null;
        if (a.ipv4() != null) {
            try {
                address = InetAddress.getByAddress(a.ipv4()).getHostAddress();
            } catch (UnknownHostException e) {
                address = null;
            }
        }
        neighbors.seen(new NeighborTable.Entry(n.interfaceName(), a.mac(), a.identity(), a.platform(), a.version(),
                a.board(), a.softwareId(), a.interfaceName(), address, a.uptimeSeconds(), n.seenAtMillis() / 1000));
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        if (dataPath != null) {
            dataPath.close();
        }
        radius.close();
        radiusLoginThreads.shutdownNow();
    }

}
