package macserver.nft;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import macserver.config.ConfigModel;
import macserver.config.Menu;

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
        int table = serverMenu.property("nft-table").index();
        int allowSet = serverMenu.property("nft-allow-set").index();
        int denySet = serverMenu.property("nft-deny-set").index();
        int mac = bindingMenu.property("mac-address").index();
        int server = bindingMenu.property("server").index();
        int action = bindingMenu.property("action").index();
        int disabled = bindingMenu.property("disabled").index();
        return model.read(() -> {
            Map<Integer, ServerSets> servers = new HashMap<>();
            Map<SetName, Set<Long>> sets = new HashMap<>();
            for (var it = model.table(serverMenu).iterator(); it.hasNext(); ) {
                var e = it.next();
                Object[] row = e.getValue();
                String t = (String) row[table];
                if (t == null) {
                    continue;
                }
                ServerSets s = new ServerSets(name(t, (String) row[allowSet]), name(t, (String) row[denySet]));
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
                ServerSets s = servers.get((Integer) row[server]);
                if (s == null || Boolean.TRUE.equals(row[disabled])) {
                    continue;
                }
                SetName target = "deny".equals(row[action]) ? s.deny() : s.allow();
                if (target != null) {
                    sets.get(target).add((Long) row[mac]);
                }
            }
            return new DesiredSets(servers, sets);
        });
    }

    private static SetName name(String table, String set) {
        return set == null ? null : new SetName(table, set);
    }
}
