package macserver.config.menus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import macserver.config.BoolType;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.ItemView;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Property;
import macserver.config.Schema;
import macserver.config.Slot;
import macserver.config.menus.InterfaceMenus.MemberRow;
import macserver.config.menus.MacServerMenus.BindingRow;
import macserver.config.menus.MacServerMenus.ServerRow;
import macserver.config.menus.ServiceMenus.ServiceRow;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/**
 * Every typed row accessor reads the property it is named after, wherever the menu's definition
 * puts it: each accessor is run on rows whose every slot holds a different value, so one that
 * read a neighbour's index (or a bare index that a new property moved) gets the wrong value.
 * Flags named after a yes/no property read that property.
 */
class RowAccessorsTest {
    private final Schema schema = StandardSchema.create(new LiveStatus());

    /** An accessor: the menu whose rows it takes, its class and name, and the property it reads. */
    private record Case(String menu, Class<?> owner, String method, String property, Object yes, Object no) {
        Case(String menu, Class<?> owner, String method, String property) {
            this(menu, owner, method, property, Boolean.TRUE, Boolean.FALSE);
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("ip mac-server", ServerRow.class, "name", "name"),
            new Case("ip mac-server", ServerRow.class, "isDefault", "default"),
            new Case("ip mac-server", ServerRow.class, "disabled", "disabled"),
            new Case("ip mac-server", ServerRow.class, "allowedInterfaceList", "allowed-interface-list"),
            new Case("ip mac-server", ServerRow.class, "macTelnet", "mac-telnet"),
            new Case("ip mac-server", ServerRow.class, "macPing", "mac-ping"),
            new Case("ip mac-server", ServerRow.class, "authentication", "authentication"),
            new Case("ip mac-server", ServerRow.class, "maxSessions", "max-sessions"),
            new Case("ip mac-server", ServerRow.class, "idleTimeoutSeconds", "idle-timeout"),
            new Case("ip mac-server", ServerRow.class, "loginRetry", "login-retry"),
            new Case("ip mac-server", ServerRow.class, "lockoutSeconds", "lockout-time"),
            new Case("ip mac-server", ServerRow.class, "nftTable", "nft-table"),
            new Case("ip mac-server", ServerRow.class, "nftAllowSet", "nft-allow-set"),
            new Case("ip mac-server", ServerRow.class, "nftDenySet", "nft-deny-set"),
            new Case("ip mac-server", ServerRow.class, "radiusMacAuth", "radius-mac-auth"),
            new Case("ip mac-server", ServerRow.class, "radiusMacFormat", "radius-mac-format"),
            new Case("ip mac-server", ServerRow.class, "radiusFallback", "radius-fallback"),
            new Case("ip mac-server", ServerRow.class, "radiusAcceptCacheSeconds", "radius-accept-cache"),
            new Case("ip mac-server", ServerRow.class, "radiusRejectCacheSeconds", "radius-reject-cache"),
            new Case("ip mac-server binding", BindingRow.class, "macAddress", "mac-address"),
            new Case("ip mac-server binding", BindingRow.class, "server", "server"),
            new Case("ip mac-server binding", BindingRow.class, "action", "action"),
            new Case("ip mac-server binding", BindingRow.class, "disabled", "disabled"),
            new Case("ip mac-server binding", BindingRow.class, "timeout", "timeout"),
            new Case("ip mac-server binding", BindingRow.class, "dynamic", "dynamic"),
            new Case("ip mac-server binding", BindingRow.class, "expiresAt", "expires-at"),
            new Case("tool mac-server", MacServerMenus.ToolRow.class, "allowedInterfaceList", "allowed-interface-list"),
            new Case("tool mac-server", MacServerMenus.ToolRow.class, "sourceMacCheck", "source-mac-check"),
            new Case("tool mac-server ping", MacServerMenus.ToolRow.class, "pingEnabled", "enabled"),
            new Case("interface list member", MemberRow.class, "list", "list"),
            new Case("interface list member", MemberRow.class, "interfaceName", "interface"),
            new Case("interface list member", MemberRow.class, "disabled", "disabled"),
            new Case("user", UserMenus.UserRow.class, "name", "name"),
            new Case("user", UserMenus.UserRow.class, "group", "group"),
            new Case("user", UserMenus.UserRow.class, "disabled", "disabled"),
            new Case("user", UserMenus.UserRow.class, "credentials", "credentials"),
            new Case("user", UserMenus.UserRow.class, "allowMd5Login", "allow-md5-login"),
            new Case("user group", UserMenus.GroupRow.class, "name", "name"),
            new Case("user group", UserMenus.GroupRow.class, "policy", "policy"),
            new Case("ip service", ServiceRow.class, "name", "name"),
            new Case("ip service", ServiceRow.class, "port", "port"),
            new Case("ip service", ServiceRow.class, "address", "address"),
            new Case("ip service", ServiceRow.class, "disabled", "disabled"),
            new Case("ip service", ServiceRow.class, "maxSessions", "max-sessions"),
            new Case("ip service certificate", ServiceMenus.CertificateRow.class, "privateKey", "private-key"),
            new Case("ip service certificate", ServiceMenus.CertificateRow.class, "certificate", "certificate"),
            new Case("ip ssh", SshMenus.SshRow.class, "hostKey", "host-key"),
            new Case("user ssh-keys", SshMenus.KeyRow.class, "user", "user"),
            new Case("radius", RadiusMenus.RadiusRow.class, "address", "address"),
            new Case("radius", RadiusMenus.RadiusRow.class, "service", "service"),
            new Case("radius", RadiusMenus.RadiusRow.class, "authenticationPort", "authentication-port"),
            new Case("radius", RadiusMenus.RadiusRow.class, "timeoutMillis", "timeout"),
            new Case("radius", RadiusMenus.RadiusRow.class, "srcAddress", "src-address"),
            new Case("radius", RadiusMenus.RadiusRow.class, "requiresMessageAuth", "require-message-auth",
                    RadiusMenus.REQUIRE_YES, "no"),
            new Case("radius", RadiusMenus.RadiusRow.class, "disabled", "disabled"),
            new Case("iot mqtt brokers", IotMenus.BrokerRow.class, "address", "address"),
            new Case("iot mqtt brokers", IotMenus.BrokerRow.class, "port", "port"),
            new Case("iot mqtt brokers", IotMenus.BrokerRow.class, "ssl", "ssl"),
            new Case("iot mqtt brokers", IotMenus.BrokerRow.class, "caCertificate", "ca-certificate"),
            new Case("iot mqtt brokers", IotMenus.BrokerRow.class, "username", "username"),
            new Case("iot mqtt brokers", IotMenus.BrokerRow.class, "clientId", "client-id"),
            new Case("iot mqtt brokers", IotMenus.BrokerRow.class, "keepAliveSeconds", "keep-alive"),
            new Case("iot mqtt agent", IotMenus.AgentRow.class, "enabled", "enabled"),
            new Case("iot mqtt agent", IotMenus.AgentRow.class, "broker", "broker"),
            new Case("iot mqtt agent", IotMenus.AgentRow.class, "topicPrefix", "topic-prefix"),
            new Case("iot mqtt agent", IotMenus.AgentRow.class, "user", "user"),
            new Case("iot mqtt agent", IotMenus.AgentRow.class, "fleetGroup", "fleet-group"),
            new Case("iot mqtt agent", IotMenus.AgentRow.class, "fleetPrefix", "fleet-prefix"),
            new Case("ip mac-server fleet", FleetMenus.FleetRow.class, "macAddress", "mac-address"),
            new Case("ip mac-server fleet", FleetMenus.FleetRow.class, "macServer", "mac-server"),
            new Case("ip mac-server fleet", FleetMenus.FleetRow.class, "action", "action"),
            new Case("ip mac-server fleet", FleetMenus.FleetRow.class, "comment", "comment"),
            new Case("ip mac-server fleet", FleetMenus.FleetRow.class, "timestamp", "timestamp"),
            new Case("ip mac-server fleet", FleetMenus.FleetRow.class, "publisher", "publisher"),
            new Case("ip mac-server fleet", FleetMenus.FleetRow.class, "state", "state"));

    /** Accessors that do more than read one property, tested on their own below. */
    private static final Set<String> NOT_ONE_PROPERTY = Set.of("SshMenus$KeyRow.key", "ServiceMenus$ServiceRow.listenerChanged");

    @Test
    void everyAccessorReadsThePropertyOfItsName() throws Exception {
        for (Case c : CASES) {
            Menu menu = schema.menu(c.menu());
            assertNotNull(menu, c.menu());
            Property p = menu.property(c.property());
            assertTrue(p != null && p.isStored(), c.menu() + " stores " + c.property());
            Method m = c.owner().getMethod(c.method(), Object[].class);
            String what = c.owner().getSimpleName() + "." + c.method();
            if (m.getReturnType() == boolean.class) {
                assertEquals(true, m.invoke(null, (Object) filled(menu, c.no(), p.index(), c.yes())), what);
                assertEquals(false, m.invoke(null, (Object) filled(menu, c.yes(), p.index(), c.no())), what);
            } else {
                Object[] row = markers(menu, slotType(c.owner(), c.property()));
                assertSame(row[p.index()], m.invoke(null, (Object) row), what);
            }
        }
    }

    @Test
    void everyAccessorIsCovered() {
        Set<String> covered = new HashSet<>(NOT_ONE_PROPERTY);
        Set<Class<?>> owners = new HashSet<>();
        for (Case c : CASES) {
            covered.add(name(c.owner()) + "." + c.method());
            owners.add(c.owner());
        }
        for (Class<?> owner : List.of(MacServerMenus.class, InterfaceMenus.class, UserMenus.class, ServiceMenus.class,
                SshMenus.class, RadiusMenus.class, IotMenus.class, FleetMenus.class)) {
            for (Class<?> nested : owner.getDeclaredClasses()) {
                if (nested.getSimpleName().endsWith("Row")) {
                    assertTrue(owners.contains(nested), nested + " has no cases");
                }
            }
        }
        for (Class<?> owner : owners) {
            for (Method m : owner.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                    assertTrue(covered.contains(name(owner) + "." + m.getName()), owner.getSimpleName() + "." + m.getName()
                            + " is not tested here");
                }
            }
        }
    }

    /** Each public slot is bound to the index of the property of its name in the menu its class serves. */
    @Test
    void everySlotSitsWhereItsPropertyIs() throws IllegalAccessException {
        Map<Class<?>, List<String>> menus = new HashMap<>();
        for (Case c : CASES) {
            menus.computeIfAbsent(c.owner(), k -> new ArrayList<>()).add(c.menu());
        }
        for (var e : menus.entrySet()) {
            for (Field f : e.getKey().getFields()) {
                if (f.getType() != Slot.class) {
                    continue;
                }
                Slot<?> s = (Slot<?>) f.get(null);
                boolean found = e.getValue().stream().map(schema::menu).map(m -> m.property(s.name()))
                        .anyMatch(p -> p != null && p.isStored() && p.index() == s.index());
                assertTrue(found, e.getKey().getSimpleName() + "." + f.getName() + " at " + s);
            }
        }
    }

    /** A flag named after a yes/no property (X disabled, * default, D dynamic, R running) shows that property. */
    @Test
    void flagsReadTheirProperty() {
        int checked = 0;
        for (Menu menu : schema.menus()) {
            for (Menu.Flag flag : menu.flags()) {
                Property p = menu.property(flag.word());
                if (p == null || !p.isStored() || p.type() != BoolType.INSTANCE
                        || menu == schema.menu("ip mac-server fleet")) { // every fleet entry is dynamic
                    continue;
                }
                String what = menu.spacedPath() + " " + flag.letter();
                assertTrue(flag.test().test(view(menu, filled(menu, false, p.index(), true))), what);
                assertFalse(flag.test().test(view(menu, filled(menu, true, p.index(), false))), what);
                checked++;
            }
        }
        assertTrue(checked >= 9, "flags checked: " + checked);
    }

    @Test
    void serviceListenerChangesOnPortOrSwitchOnly() {
        Menu services = schema.menu("ip service");
        Object[] before = services.defaultRow();
        before[services.property("port").index()] = 80L;
        Object[] after = before.clone();
        after[services.property("max-sessions").index()] = 5L;
        after[services.property("address").index()] = List.of("10.0.0.0/8");
        assertFalse(ServiceRow.listenerChanged(before, after));
        after[services.property("disabled").index()] = true;
        assertTrue(ServiceRow.listenerChanged(before, after));
        after = before.clone();
        after[services.property("port").index()] = 8080L;
        assertTrue(ServiceRow.listenerChanged(before, after));
    }

    /** The same, on rows the model made from commands: what was set is what the accessors give. */
    @Test
    void accessorsReadRowsTheModelMade() throws ConfigException {
        TestModels.Clocked t = TestModels.fresh();
        ConfigModel model = t.model;
        Menu servers = model.schema().menu("ip mac-server");
        Menu bindings = model.schema().menu("ip mac-server binding");
        int[] ids = model.write(Origin.SYSTEM, tx -> {
            int server = tx.add(servers, Map.of(servers.property("name"), "lab",
                    servers.property("disabled"), true, servers.property("max-sessions"), 7L,
                    servers.property("login-retry"), 3L, servers.property("nft-table"), "macs",
                    servers.property("radius-fallback"), "allow", servers.property("authentication"), List.of("radius")));
            int binding = tx.add(bindings, Map.of(bindings.property("mac-address"), 0x0200_0000_0001L,
                    bindings.property("server"), server, bindings.property("action"), "deny",
                    bindings.property("timeout"), 60L));
            return new int[] {server, binding};
        });
        Object[] s = model.read(() -> model.table(servers).get(ids[0]));
        assertEquals("lab", ServerRow.name(s));
        assertTrue(ServerRow.disabled(s));
        assertFalse(ServerRow.isDefault(s));
        assertTrue(ServerRow.macTelnet(s));
        assertEquals(7, ServerRow.maxSessions(s));
        assertEquals(3, ServerRow.loginRetry(s));
        assertEquals(600L, ServerRow.idleTimeoutSeconds(s));
        assertEquals("macs", ServerRow.nftTable(s));
        assertEquals("allow", ServerRow.radiusFallback(s));
        assertEquals(List.of("radius"), ServerRow.authentication(s));
        assertEquals(InterfaceMenus.LIST_ALL_ID, ServerRow.allowedInterfaceList(s));
        Object[] b = model.read(() -> model.table(bindings).get(ids[1]));
        assertEquals(0x0200_0000_0001L, BindingRow.macAddress(b));
        assertEquals(ids[0], BindingRow.server(b));
        assertEquals("deny", BindingRow.action(b));
        assertEquals(60L, BindingRow.timeout(b));
        assertEquals(t.seconds.get() + 60, BindingRow.expiresAt(b));
        assertFalse(BindingRow.dynamic(b));
        assertEquals("MikroTik", model.read(() -> SystemMenus.identity(model)));
        assertEquals(InterfaceMenus.LIST_ALL_ID, model.read(() -> SystemMenus.discoverInterfaceList(model)));
        assertArrayEquals(model.read(() -> SystemMenus.deviceKey(model)),
                model.read(() -> {
                    Menu device = model.schema().menu("system device");
                    return (byte[]) model.table(device).get(1)[device.property("key").index()];
                }));
    }

    /**
     * Outside the model, rows are read through the accessors: no {@code row[menu.property("x").index()]}
     * (nor an index taken that way and kept); and menu definitions use no bare row indexes.
     */
    @Test
    void noRowIsReadByALookedUpOrBareIndex() throws IOException {
        Pattern byName = Pattern.compile("property\\(\"[^\"]+\"\\)\\.index\\(\\)");
        Pattern bare = Pattern.compile("(row\\(\\)|\\brow|after|before)\\[\\d+]");
        Path sources = Path.of("src/main/java/macserver");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                String rel = sources.relativize(f).toString().replace('\\', '/');
                boolean model = rel.startsWith("config/") && !rel.startsWith("config/menus/");
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if ((!model && byName.matcher(line).find())
                            || (rel.startsWith("config/menus/") && !rel.endsWith("BindingTable.java")
                                && bare.matcher(line).find())) {
                        found.add(rel + ":" + (i + 1) + ": " + line.trim());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private static String name(Class<?> c) {
        return c.getName().substring(c.getPackageName().length() + 1);
    }

    private static Class<?> slotType(Class<?> owner, String property) throws IllegalAccessException {
        for (Field f : owner.getFields()) {
            if (f.getType() == Slot.class && ((Slot<?>) f.get(null)).name().equals(property)) {
                return ((Slot<?>) f.get(null)).type();
            }
        }
        throw new AssertionError(owner.getSimpleName() + " has no slot " + property);
    }

    /** A row of {@code fill} everywhere but {@code value} at {@code index}. */
    private static Object[] filled(Menu menu, Object fill, int index, Object value) {
        Object[] row = new Object[menu.storedCount()];
        Arrays.fill(row, fill);
        row[index] = value;
        return row;
    }

    /** A row whose every slot holds a different value of {@code type}. */
    private static Object[] markers(Menu menu, Class<?> type) {
        Object[] row = new Object[menu.storedCount()];
        for (int i = 0; i < row.length; i++) {
            row[i] = type == Long.class ? (Object) (1000L + i)
                    : type == Integer.class ? (Object) (2000 + i)
                    : type == String.class ? "v" + i
                    : type == List.class ? List.of("v" + i)
                    : type == byte[].class ? new byte[] {(byte) i}
                    : fail("no markers of " + type);
        }
        return row;
    }

    /** What an accessor gave is the marker at the property's index (numbers compared by value). */
    private static void assertSame(Object expected, Object actual, String what) {
        if (expected instanceof byte[] e) {
            assertArrayEquals(e, (byte[]) actual, what);
        } else if (expected instanceof Number e) {
            assertEquals(e.longValue(), ((Number) actual).longValue(), what);
        } else {
            assertEquals(expected, actual, what);
        }
    }

    private static ItemView view(Menu menu, Object[] row) {
        return new ItemView() {
            @Override public Menu menu() { return menu; }
            @Override public int id() { return 1; }
            @Override public Object[] row() { return row; }
            @Override public Object get(Property p) { return p.isStored() ? row[p.index()] : null; }
            @Override public long now() { return 0; }
        };
    }
}
