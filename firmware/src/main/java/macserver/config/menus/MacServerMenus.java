package macserver.config.menus;

import java.util.List;
import java.util.Map;
import macserver.config.BoolType;
import macserver.config.ChoiceListType;
import macserver.config.ChoiceType;
import macserver.config.ConfigException;
import macserver.config.DurationType;
import macserver.config.IntType;
import macserver.config.ItemHash;
import macserver.config.MacAddressType;
import macserver.config.Menu;
import macserver.config.MenuRules;
import macserver.config.PolicyGuard;
import macserver.config.Property;
import macserver.config.ReferenceType;
import macserver.config.Schema;
import macserver.config.TextType;
import macserver.config.Transaction;

import static macserver.config.Property.Flag.HIDDEN;
import static macserver.config.Property.Flag.READ_ONLY;
import static macserver.config.Property.Flag.REQUIRED;
import static macserver.config.Property.Flag.UNIQUE;

/**
 * The seed's menus, {@code /ip mac-server} (named server instances) and {@code /ip mac-server
 * binding} (MAC to server), plus RouterOS's own {@code /tool mac-server} menus on the same engine.
 */
public final class MacServerMenus {
    private static final long DAY = 86400;

    private MacServerMenus() {
    }

    static void register(Schema s, LiveStatus live) {
        Menu lists = s.menu("interface list");
        Menu servers = s.add(Menu.builder(Menu.Kind.LIST, "ip mac-server")
                .code(MenuCodes.MAC_SERVER)
                .nameProperty(Property.of("name", new TextType(64, true), null, REQUIRED, UNIQUE))
                .property(Property.of("default", BoolType.INSTANCE, false))
                .property(Property.of("disabled", BoolType.INSTANCE, false))
                .property(Property.of("comment", new TextType(255, false), null))
                .property(Property.of("allowed-interface-list", new ReferenceType(() -> lists), InterfaceMenus.LIST_ALL_ID))
                .property(Property.of("mac-telnet", BoolType.INSTANCE, true))
                .property(Property.of("mac-ping", BoolType.INSTANCE, true))
                .property(Property.of("authentication", new ChoiceListType("local", "radius"), List.of("local")))
                .property(Property.of("max-sessions", new IntType(1, 1000), 20L))
                .property(Property.of("idle-timeout", new DurationType(DAY), 600L))
                .property(Property.of("login-retry", new IntType(0, 100), 5L))
                .property(Property.of("lockout-time", new DurationType(DAY), 300L))
                .property(Property.of("nft-table", NftNameType.INSTANCE, null))
                .property(Property.of("nft-allow-set", NftNameType.INSTANCE, null))
                .property(Property.of("nft-deny-set", NftNameType.INSTANCE, null))
                .property(Property.computed("hash", new TextType(64, false),
                        v -> ItemHash.of(v, macserver.config.References.NONE)))
                .property(Property.computed("sessions", new IntType(0, Long.MAX_VALUE),
                        v -> live.sessionCount.apply(v.id())))
                .property(Property.computed("packets", new IntType(0, Long.MAX_VALUE),
                        v -> live.serverPackets.apply(v.id())))
                .property(Property.computed("drops", new IntType(0, Long.MAX_VALUE),
                        v -> live.serverDrops.apply(v.id())))
                .property(Property.computed("nft-status", new TextType(255, false),
                        v -> live.nftStatus.apply(v.id())))
                .property(Property.computed("nft-last-error", new TextType(255, false),
                        v -> live.nftLastError.apply(v.id())))
                .property(Property.of("radius-mac-auth", BoolType.INSTANCE, false))
                .property(Property.of("radius-mac-format",
                        new ChoiceType(macserver.radius.MacFormat.patterns().toArray(String[]::new)),
                        macserver.radius.MacFormat.COLONS.pattern()))
                .property(Property.of("radius-fallback", new ChoiceType("allow", "deny"), "deny"))
                .property(Property.of("radius-accept-cache", new DurationType(DAY), 300L))
                .property(Property.of("radius-reject-cache", new DurationType(DAY), 60L))
                .columns("name", "allowed-interface-list", "authentication", "sessions", "packets", "drops")
                .flag('X', "disabled", v -> Boolean.TRUE.equals(v.row()[2]))
                .flag('*', "default", v -> Boolean.TRUE.equals(v.row()[1]))
                // Turning RADIUS logins on hands rights to whoever the RADIUS servers admit.
                .rules(PolicyGuard.properties(new ServerRules(), "authentication"))
                .build());

        s.add(Menu.builder(Menu.Kind.LIST, "ip mac-server binding")
                .code(MenuCodes.MAC_SERVER_BINDING)
                .nameProperty(Property.of("mac-address", MacAddressType.INSTANCE, null, REQUIRED, UNIQUE))
                .property(Property.of("server", new ReferenceType(() -> servers), null, REQUIRED))
                .property(Property.of("action", new ChoiceType("allow", "deny"), "allow"))
                .property(Property.of("disabled", BoolType.INSTANCE, false))
                .property(Property.of("comment", new TextType(255, false), null))
                .property(Property.of("timeout", new DurationType(365 * DAY), null))
                .property(Property.of("retry", new IntType(0, 100), null))
                .property(Property.of("time", new IntType(0, Long.MAX_VALUE), null, READ_ONLY))
                .property(Property.of("dynamic", BoolType.INSTANCE, false, READ_ONLY))
                .property(Property.of("expires-at", new IntType(0, Long.MAX_VALUE), null, HIDDEN))
                .property(Property.computed("expires-after", new DurationType(Long.MAX_VALUE), v -> {
                    Long at = (Long) v.row()[9];
                    return at == null ? null : Math.max(0, at - v.now());
                }))
                .property(Property.computed("last-seen", new DurationType(Long.MAX_VALUE),
                        v -> live.lastSeen.apply((Long) v.row()[0])))
                .columns("mac-address", "server", "action", "expires-after", "last-seen")
                .flag('X', "disabled", v -> Boolean.TRUE.equals(v.row()[3]))
                .flag('D', "dynamic", v -> Boolean.TRUE.equals(v.row()[8]))
                .rules(new BindingRules())
                .table(BindingTable::new)
                .build());

        s.add(Menu.builder(Menu.Kind.SINGLETON, "tool mac-server")
                .code(MenuCodes.TOOL_MAC_SERVER)
                .property(Property.of("allowed-interface-list", new ReferenceType(() -> lists), InterfaceMenus.LIST_ALL_ID))
                // The client writes its MAC into the MAC-Telnet header itself; only a bridge that
                // rewrites Ethernet sources (a station pseudobridge) needs this off.
                .property(Property.of("source-mac-check", BoolType.INSTANCE, true))
                .build());
        s.add(Menu.builder(Menu.Kind.SINGLETON, "tool mac-server ping")
                .code(MenuCodes.TOOL_MAC_SERVER_PING)
                .property(Property.of("enabled", BoolType.INSTANCE, true))
                .build());
        // Why SESSIONSTARTs and PINGs were turned away since start, per server and reason.
        s.add(Menu.builder(Menu.Kind.LIVE, "tool mac-server drops")
                .property(Property.of("server", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("reason", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("packets", new IntType(0, Long.MAX_VALUE), null, READ_ONLY))
                .columns("server", "reason", "packets")
                .live(() -> live.drops.get())
                .build());
        s.add(Menu.builder(Menu.Kind.LIVE, "tool mac-server sessions")
                .property(Property.of("interface", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("src-address", MacAddressType.INSTANCE, null, READ_ONLY))
                .property(Property.of("server", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("user", new TextType(64, false), null, READ_ONLY))
                .property(Property.of("uptime", new DurationType(Long.MAX_VALUE), null, READ_ONLY))
                .columns("interface", "src-address", "server", "user", "uptime")
                .live(() -> live.sessions.get())
                .liveRemover(id -> live.endSession.remove(id))
                .build());
    }

    /** At most one default server; a server in use by bindings cannot go. */
    private static final class ServerRules implements MenuRules {
        @Override
        public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
            Property def = menu.property("default");
            if (Boolean.TRUE.equals(after[def.index()]) && (before == null || !Boolean.TRUE.equals(before[def.index()]))) {
                List<Integer> others = new java.util.ArrayList<>();
                for (var it = tx.model().table(menu).iterator(); it.hasNext(); ) {
                    var e = it.next();
                    if (e.getKey() != id && Boolean.TRUE.equals(e.getValue()[def.index()])) {
                        others.add(e.getKey());
                    }
                }
                for (int other : others) {
                    tx.set(menu, other, Map.of(def, false));
                }
            }
        }

        @Override
        public void beforeRemove(Transaction tx, Menu menu, int id, Object[] row) throws ConfigException {
            Menu bindings = tx.model().schema().menu("ip mac-server binding");
            int serverIndex = bindings.property("server").index();
            long users = 0;
            for (var it = tx.model().table(bindings).iterator(); it.hasNext(); ) {
                if (((Integer) it.next().getValue()[serverIndex]) == id) {
                    users++;
                }
            }
            if (users > 0) {
                throw new ConfigException("failure: server " + row[0] + " is used by " + users
                        + (users == 1 ? " binding" : " bindings"));
            }
        }
    }

    /** Stamps the time a binding was added and when its timeout ends. */
    private static final class BindingRules implements MenuRules {
        @Override
        public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
            Property time = menu.property("time");
            Property timeout = menu.property("timeout");
            Property expiresAt = menu.property("expires-at");
            Object[] row = after.clone();
            if (before == null) {
                row[time.index()] = tx.now();
            }
            Long t = (Long) row[timeout.index()];
            boolean timeoutChanged = before == null || !java.util.Objects.equals(before[timeout.index()], t);
            if (timeoutChanged) {
                row[expiresAt.index()] = t == null ? null : tx.now() + t;
            }
            if (!java.util.Arrays.equals(row, after)) {
                tx.setRow(menu, id, row);
            }
        }
    }
}
