package macserver.nft;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.menus.MacServerMenus.BindingRow;
import macserver.config.menus.MacServerMenus.ServerRow;

/**
 * What the sets should hold, read from the configuration: for each MAC server that names an
 * nftables table, the MACs of its enabled allow bindings in its allow set and of its enabled
 * deny bindings in its deny set. Servers naming the same set share it (its content is the union).
 */
public record DesiredSets(Map<Integer, ServerSets> servers, Map<SetName, Set<Long>> sets) {

    /** The sets one server keeps; either may be null (not named). */
    public record ServerSets(SetName allow, SetName deny) {
    }

    public static DesiredSets read(ConfigModel model) {
        Menu serverMenu = model.schema().menu("ip mac-server");
        Menu bindingMenu = model.schema().menu("ip mac-server binding");
        return model.read(() -> {
            Map<Integer, ServerSets> servers = new HashMap<>();
            Map<SetName, Set<Long>> sets = new HashMap<>();
            for (var it = model.table(serverMenu).iterator(); it.hasNext(); ) {
                var e = it.next();
                Object[] row = e.getValue();
                String t = ServerRow.nftTable(row);
                if (t == null) {
                    continue;
                }
                ServerSets s = new ServerSets(name(t, ServerRow.nftAllowSet(row)), name(t, ServerRow.nftDenySet(row)));
                servers.put(e.getKey(), s);
                for (SetName n : new SetName[] {s.allow(), s.deny()}) {
                    if (n != null) {
                        sets.computeIfAbsent(n, k -> new HashSet<>());
                    }
                }
            }
            if (servers.isEmpty()) {
                return new DesiredSets(servers, sets);
            }
            for (var it = model.table(bindingMenu).iterator(); it.hasNext(); ) {
                Object[] row = it.next().getValue();
                ServerSets s = servers.get(BindingRow.server(row));
                if (s == null || BindingRow.disabled(row)) {
                    continue;
                }
                SetName target = "deny".equals(BindingRow.action(row)) ? s.deny() : s.allow();
                if (target != null) {
                    sets.get(target).add(BindingRow.macAddress(row));
                }
            }
            return new DesiredSets(servers, sets);
        });
    }

    private static SetName name(String table, String set) {
        return set == null ? null : new SetName(table, set);
    }
}
