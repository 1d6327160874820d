package macserver.macplane;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import macserver.board.BoardProfile;
import macserver.cli.CliSessions;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.menus.LiveStatus;
import macserver.datapath.DataPath;
import macserver.datapath.DataPathException;
import macserver.datapath.LinkInfo;
import macserver.mactelnet.LoginGate;
import macserver.mactelnet.MacServer;
import macserver.mactelnet.MacServerConfig;
import macserver.mqtt.ManagementEvents;
import macserver.policy.LastSeen;
import macserver.policy.LoginGuard;
import macserver.policy.MacPolicy;
import macserver.policy.RadiusBindings;
import macserver.policy.RadiusServers;
import macserver.policy.ServerPolicy;
import macserver.policy.SessionRegistry;
import macserver.radius.RadiusLogins;
import macserver.radius.RadiusStatistics;
import macserver.system.NeighborTable;
import macserver.users.LoginService;
import macserver.users.UserDirectory;

/**
 * The MAC server plane, wired: raw sockets on the board's interfaces, the MAC-Telnet/MAC-Ping/MNDP
 * protocol layer, and the four roles it asks of the firmware, each its own class: admission
 * ({@link PolicyAdmission}), logins ({@link LoginChecks}), logged-in sessions ({@link SessionHome})
 * and discovery ({@link NeighbourDiscovery}). Without raw-socket rights it logs one line and the
 * firmware goes on.
 */
public final class MacServerPlane implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MacServerPlane.class.getName());

    private final ConfigModel model;
    private final BoardProfile board;
    private final MacPolicy policy;
    private final SessionEvents events;
    private final PolicyAdmission admission;
    private final LoginChecks logins;
    private final SessionHome sessions;
    private final NeighbourDiscovery discovery;
    private final RadiusBindings radius;
    private final ExecutorService radiusLoginThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final CliSessions cli;
    private final LoginService loginService;
    private DataPath dataPath;
    private MacServer server;

    public MacServerPlane(ConfigModel model, BoardProfile board, String version, CliSessions cli, LoginService loginService,
                          LiveStatus live) {
        this.model = model;
        this.board = board;
        this.cli = cli;
        this.loginService = loginService;
        this.policy = new MacPolicy(model, Map.of());
        this.events = new SessionEvents(policy);
        RadiusServers radiusServers = new RadiusServers(model);
        this.radius = new RadiusBindings(model, policy.knocks(), radiusServers);
        RadiusLogins radiusLogins = new RadiusLogins(() -> radiusServers.client(RadiusServers.LOGIN), radiusLoginThreads);
        SessionRegistry registry = new SessionRegistry(model::now);
        NeighborTable neighbors = new NeighborTable(model::now, 1024, 180);
        LastSeen lastSeen = new LastSeen(16);
        this.discovery = new NeighbourDiscovery(model, board, version, neighbors);
        this.sessions = new SessionHome(policy, registry, cli, loginService, events, discovery::interfaceName);
        this.admission = new PolicyAdmission(policy, lastSeen, sessions::maySessionStart);
        this.logins = new LoginChecks(model, policy, new UserDirectory(model), new LoginGuard(model::now, 4096),
                radiusLogins, discovery::identity, events);

        live.report(new LiveStatus.MacServerFigures() {
            @Override public List<Object[]> sessions() { return registry.rows(MacServerPlane.this::serverName); }
            @Override public void endSession(int id) throws ConfigException { registry.end(id); }
            @Override public List<Object[]> drops() { return policy.dropRows(); }
            @Override public List<Object[]> neighbors() { return neighbors.rows(); }
            @Override public long sessionCount(int serverId) { return registry.count(serverId); }
            @Override public long packets(int serverId) {
                ServerPolicy p = policy.server(serverId);
                return p == null ? 0 : p.counters().packets();
            }
            @Override public long drops(int serverId) {
                ServerPolicy p = policy.server(serverId);
                return p == null ? 0 : p.counters().drops();
            }
            @Override public Long secondsSinceHeard(long mac) {
                long at = lastSeen.lastHeard(mac);
                return at < 0 ? null : Math.max(0, model.now() - at);
            }
            @Override public RadiusStatistics radius(int id) { return radiusServers.statistics(id); }
        });
    }

    /** Reports sessions and failed logins to {@code events} (the MQTT agent's event stream). */
    public void reportTo(ManagementEvents events) {
        this.events.reportTo(events);
    }

    private String serverName(int serverId) {
        ServerPolicy p = policy.server(serverId);
        return p == null ? "" : p.name();
    }

    /** The login role, as the protocol layer sees it (for tests of the routes). */
    LoginGate logins() {
        return logins;
    }

    /** Opens raw sockets on {@code interfaces} and starts answering; false when raw sockets are not allowed. */
    public boolean start(List<String> interfaces) {
        if (interfaces.isEmpty()) {
            LOG.info("no interfaces for the MAC server: MAC-Telnet, MAC-Ping and MNDP are off");
            return false;
        }
        server = new MacServer(admission, logins, sessions, discovery, MacServerConfig.forHeap(board.heapCapMib()),
                java.time.InstantSource.system(), new java.security.SecureRandom(),
                Thread.ofVirtual().name("mac-telnet-", 1).factory());
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
        policy.setInterfaces(byName);
        discovery.setInterfaces(byIndex);
        server.start(dataPath.sender());
        LoginWarmUp.start(cli, loginService);
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
