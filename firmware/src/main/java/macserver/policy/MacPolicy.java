package macserver.policy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import macserver.config.Change;
import macserver.config.ChangeListener;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.BindingTable;
import macserver.config.menus.InterfaceMenus;
import macserver.config.menus.InterfaceMenus.MemberRow;
import macserver.config.menus.MacServerMenus.ServerRow;
import macserver.config.menus.MacServerMenus.ToolRow;
import macserver.mactelnet.Admission;
import macserver.mactelnet.DropReason;
import macserver.mactelnet.MacService;

/**
 * The MAC server decision for one source MAC: its binding gives the server (a deny or disabled
 * binding drops), otherwise the default server, otherwise drop (MAC filtering); then the server's
 * own switches and interface list, and the global {@code /tool mac-server} gates.
 *
 * <p>{@link #admit} runs per packet on the data path: no lock, no allocation. Bindings are read
 * through the binding table's seqlock; everything else comes from an immutable snapshot that a
 * change listener rebuilds when servers, interface lists or the tool settings change, so a
 * configuration change applies to the next packet and the data path never waits for it.
 */
public final class MacPolicy implements ChangeListener {
    /** Everything but bindings, as of the last change. */
    private record Snapshot(ServerPolicy[] servers, int defaultServer, BitSet toolAllowed, boolean pingEnabled,
            boolean sourceMacCheck) {}

    private final ConfigModel model;
    private final BindingTable bindings;
    private final Menu bindingMenu;
    private volatile Map<String, Integer> interfaces;
    private volatile Snapshot snapshot;
    private ServerCounters[] counters = new ServerCounters[0];
    private final MacKnocks knocks = new MacKnocks(1024);
    /** Drops decided before a server was known (source MAC, tool interface list, ping off, no default). */
    private final ServerCounters unattributed = new ServerCounters();

    public MacPolicy(ConfigModel model, Map<String, Integer> interfaces) {
        this.model = model;
        this.bindingMenu = model.schema().menu("ip mac-server binding");
        this.bindings = (BindingTable) model.table(bindingMenu);
        this.interfaces = Map.copyOf(interfaces);
        model.addListener(this);
        model.readLocked(this::rebuild);
    }

    /** The data path's interfaces (name to index); the allowed lists are resolved against them. */
    public void setInterfaces(Map<String, Integer> byName) {
        interfaces = Map.copyOf(byName);
        model.readLocked(this::rebuild);
    }

    @Override
    public void committed(List<Change> changes, Origin origin) {
        for (Change c : changes) {
            if (c.menu() != bindingMenu) {
                rebuild();
                return;
            }
        }
    }

    /**
     * The answer for one SESSIONSTART or PING ({@link Admission}): the server that serves
     * {@code mac} for {@code service} on interface {@code ifIndex} and whether {@code mac} has its
     * own binding, or the drop reason, counted per reason (per server where one is known). One
     * binding lookup; per packet: no lock, no allocation.
     *
     * <p>The header's client MAC is the client's own word, so unless {@code /tool mac-server
     * source-mac-check} is off it must agree with the frame's Ethernet source {@code ethSource}:
     * otherwise a host could claim another's binding.
     */
    public long admit(long mac, long ethSource, int ifIndex, MacService service) {
        Snapshot s = snapshot;
        if (mac != ethSource && s.sourceMacCheck) {
            return drop(null, DropReason.SOURCE_MISMATCH);
        }
        if (s.toolAllowed != null && (ifIndex < 0 || !s.toolAllowed.get(ifIndex))) {
            return drop(null, DropReason.INTERFACE_NOT_ALLOWED);
        }
        if (service == MacService.MAC_PING && !s.pingEnabled) {
            return drop(null, DropReason.PING_OFF);
        }
        long b = bindings.lookup(mac);
        int server;
        if (b >= 0) {
            int flags = (int) (b & 0xFF);
            server = (int) ((b >>> 8) & 0xFF_FFFF);
            ServerPolicy p = server < s.servers.length ? s.servers[server] : null;
            if ((flags & BindingTable.DENIED) != 0) {
                return drop(p, DropReason.DENY_BINDING);
            }
            if ((flags & BindingTable.DISABLED_FLAG) != 0) {
                return drop(p, DropReason.BINDING_DISABLED);
            }
        } else {
            server = s.defaultServer;
            if (server <= 0) {
                return drop(null, DropReason.NO_DEFAULT_SERVER);
            }
        }
        ServerPolicy p = server < s.servers.length ? s.servers[server] : null;
        if (p == null || p.disabled()) {
            return drop(p, DropReason.SERVER_DISABLED);
        }
        if (service == MacService.MAC_TELNET ? !p.macTelnet() : !p.macPing()) {
            return drop(p, DropReason.SERVICE_OFF);
        }
        if (!p.allowsInterface(ifIndex)) {
            return drop(p, DropReason.INTERFACE_NOT_ALLOWED);
        }
        if (b < 0 && p.radiusMacAuth()) {
            knocks.offer(mac, server);
            return drop(p, DropReason.RADIUS_PENDING);
        }
        p.counters().packets.increment();
        return Admission.admitted(server, b >= 0);
    }

    /** Counts a drop after the decision was made elsewhere (the host's session limits). */
    public long drop(int serverId, DropReason reason) {
        return drop(server(serverId), reason);
    }

    private long drop(ServerPolicy p, DropReason reason) {
        (p != null ? p.counters() : unattributed).drop(reason);
        return Admission.dropped(reason);
    }

    /**
     * Drops so far by server and reason, for {@code /tool mac-server drops print}: one row
     * {server name or "", reason word, count, row id} for each count above zero; drops decided before any
     * server was chosen come first, with no server.
     */
    public List<Object[]> dropRows() {
        List<Object[]> rows = new ArrayList<>();
        unattributed.rows("", rows);
        for (ServerPolicy p : snapshot.servers) {
            if (p != null) {
                p.counters().rows(p.name(), rows);
            }
        }
        return rows;
    }

    /** Unbound MACs waiting for RADIUS MAC authentication. */
    public MacKnocks knocks() {
        return knocks;
    }

    /** The settings of server {@code id}, or null. */
    public ServerPolicy server(int id) {
        ServerPolicy[] servers = snapshot.servers;
        return id > 0 && id < servers.length ? servers[id] : null;
    }

    /** Failed logins allowed for {@code mac} on {@code server}: the binding's retry, else the server's. */
    public int loginRetry(long mac, ServerPolicy server) {
        // Asked under the MAC server's lock: never the model's lock, which a commit may hold long.
        int retry = bindings.retryOf(mac);
        return retry >= 0 ? retry : server.loginRetry();
    }

    /** Runs with the model locked (listener or readLocked). */
    private void rebuild() {
        Menu servers = model.schema().menu("ip mac-server");
        Map<String, Integer> ifs = interfaces;
        int maxId = 0;
        for (Integer id : model.table(servers).ids()) {
            maxId = Math.max(maxId, id);
        }
        ServerCounters[] keep = counters;
        ServerCounters[] newCounters = new ServerCounters[maxId + 1];
        ServerPolicy[] out = new ServerPolicy[maxId + 1];
        int defaultServer = -1;
        for (var it = model.table(servers).iterator(); it.hasNext(); ) {
            var e = it.next();
            int id = e.getKey();
            Object[] r = e.getValue();
            ServerCounters c = id < keep.length && keep[id] != null ? keep[id] : new ServerCounters();
            newCounters[id] = c;
            out[id] = new ServerPolicy(id, ServerRow.name(r), ServerRow.disabled(r), ServerRow.macTelnet(r),
                    ServerRow.macPing(r), allowed(ServerRow.allowedInterfaceList(r), ifs), ServerRow.maxSessions(r),
                    ServerRow.idleTimeoutSeconds(r), ServerRow.loginRetry(r), ServerRow.lockoutSeconds(r),
                    List.copyOf(ServerRow.authentication(r)), ServerRow.radiusMacAuth(r), c);
            if (ServerRow.isDefault(r)) {
                defaultServer = id;
            }
        }
        counters = newCounters;
        Menu tool = model.schema().menu("tool mac-server");
        Menu ping = model.schema().menu("tool mac-server ping");
        Object[] toolRow = model.table(tool).get(1);
        BitSet toolAllowed = allowed(ToolRow.allowedInterfaceList(toolRow), ifs);
        boolean pingEnabled = ToolRow.pingEnabled(model.table(ping).get(1));
        boolean sourceMacCheck = ToolRow.sourceMacCheck(toolRow);
        snapshot = new Snapshot(out, defaultServer, toolAllowed, pingEnabled, sourceMacCheck);
    }

    /** The interface indexes in an interface list: null for {@code all}, else the enabled members. */
    private BitSet allowed(int listId, Map<String, Integer> ifs) {
        if (listId == InterfaceMenus.LIST_ALL_ID) {
            return null;
        }
        BitSet set = new BitSet();
        if (listId == InterfaceMenus.LIST_NONE_ID) {
            return set;
        }
        Menu members = model.schema().menu("interface list member");
        List<String> names = new ArrayList<>();
        for (var it = model.table(members).iterator(); it.hasNext(); ) {
            Object[] m = it.next().getValue();
            if (MemberRow.list(m) == listId && !MemberRow.disabled(m)) {
                names.add(MemberRow.interfaceName(m));
            }
        }
        for (String n : names) {
            Integer index = ifs.get(n);
            if (index != null) {
                set.set(index);
            }
        }
        return set;
    }
}
