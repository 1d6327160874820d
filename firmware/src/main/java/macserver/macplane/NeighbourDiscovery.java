package macserver.macplane;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import macserver.board.BoardProfile;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.menus.InterfaceMenus;
import macserver.config.menus.InterfaceMenus.MemberRow;
import macserver.config.menus.SystemMenus;
import macserver.mactelnet.Discovery;
import macserver.mactelnet.MndpIdentity;
import macserver.mactelnet.Neighbour;
import macserver.system.NeighborTable;

/**
 * MNDP's side of the firmware: what this router announces (identity, version, board, software
 * id, uptime) on the {@code discover-interface-list}, and the neighbours it hears
 * ({@code /ip neighbor}). Asked under the MAC server's lock, so everything it answers comes from
 * copies a change listener keeps, never from the model.
 */
final class NeighbourDiscovery implements Discovery {
    private final ConfigModel model;
    private final BoardProfile board;
    private final String version;
    private final NeighborTable neighbors;
    private final long startMillis = System.currentTimeMillis();
    /** {identity name, MNDP software id}, replaced whole by {@link #rememberIdentity}. */
    private volatile String[] identity;
    private volatile Map<Integer, String> names = Map.of();
    private volatile int[] discovery = new int[0];

    NeighbourDiscovery(ConfigModel model, BoardProfile board, String version, NeighborTable neighbors) {
        this.model = model;
        this.board = board;
        this.version = version;
        this.neighbors = neighbors;
        model.addListener((changes, origin) -> {
            rebuildDiscovery();
            rememberIdentity();
        });
        model.readLocked(this::rememberIdentity);
    }

    /** The data path's interfaces, by kernel index, once it is open. */
    void setInterfaces(Map<Integer, String> byIndex) {
        names = Map.copyOf(byIndex);
        model.readLocked(this::rebuildDiscovery);
    }

    /** The identity name as last committed: RADIUS's NAS-Identifier, without the model's lock. */
    String identity() {
        return identity[0];
    }

    @Override
    public MndpIdentity mndpIdentity() {
        String[] idAndSoftId = identity;
        return new MndpIdentity(idAndSoftId[0], version + " (macserver)", "MikroTik", board.model(), idAndSoftId[1],
                (System.currentTimeMillis() - startMillis) / 1000);
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

    /** With the model locked (listener or readLocked): the identity name and the MNDP software id. */
    private void rememberIdentity() {
        String name = SystemMenus.identity(model);
        byte[] id = SystemMenus.deviceIdentifier(model, "mndp softid", 4);
        String softId = null;
        if (id != null) {
            String hex = HexFormat.of().withUpperCase().formatHex(id);
            softId = hex.substring(0, 4) + "-" + hex.substring(4);
        }
        identity = new String[] {name, softId};
    }

    /** With the model locked: the interfaces of the discovery list that the data path has. */
    private void rebuildDiscovery() {
        int list = SystemMenus.discoverInterfaceList(model);
        Map<Integer, String> ifs = names;
        int[] out;
        if (list == InterfaceMenus.LIST_ALL_ID) {
            out = ifs.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        } else {
            Menu members = model.schema().menu("interface list member");
            Set<String> wanted = new HashSet<>();
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
}
