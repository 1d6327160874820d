package macserver.config.menus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Property;
import macserver.config.Transaction;

/**
 * The configuration of a new or reset router: the built-in interface lists and user groups, and
 * {@code admin} with an empty password that the first console login must replace.
 */
public final class FactoryDefaults {
    private FactoryDefaults() {
    }

    /** Writes the defaults as one transaction; call on a blank model. */
    public static void apply(ConfigModel model) throws ConfigException {
        model.write(Origin.SYSTEM, tx -> {
            apply(tx, true);
            return null;
        });
    }

    /** Adds what is missing; with {@code users} false, leaves /user and /user group alone. */
    public static void apply(Transaction tx, boolean users) throws ConfigException {
        ConfigModel m = tx.model();
        Menu device = m.schema().menu("system device");
        if (SystemMenus.deviceKey(m) == null) {
            tx.set(device, 1, Map.of(device.property("key"), macserver.auth.LegacySecretBox.newKey()));
        }
        Menu lists = m.schema().menu("interface list");
        // Built-in lists have fixed ids: other menus use LIST_ALL_ID as their default.
        int[] ids = {InterfaceMenus.LIST_ALL_ID, InterfaceMenus.LIST_NONE_ID};
        for (int i = 0; i < ids.length; i++) {
            String name = InterfaceMenus.BUILTIN_LISTS.get(i);
            if (m.idByName(lists, name) < 0) {
                Object[] row = lists.defaultRow();
                InterfaceMenus.LIST_NAME.set(row, name);
                tx.setRow(lists, ids[i], row);
            }
        }
        ServiceMenus.addMissing(tx);
        if (!users) {
            return;
        }
        addMissingGroups(tx);
        Menu groups = m.schema().menu("user group");
        Menu userMenu = m.schema().menu("user");
        if (m.table(userMenu).size() == 0) {
            tx.add(userMenu, Map.of(userMenu.property("name"), "admin",
                    userMenu.property("group"), m.idByName(groups, "full")));
        }
    }

    /**
     * After flash damage: re-creates the built-in groups that are missing and, if no enabled user
     * of a group with the {@code policy} right is left (which no command can bring about), gives
     * {@code admin} back with group {@code full} and the empty factory password, as a reset would.
     * The empty password is accepted only on the console and only to set a new one, so this opens
     * the router to whoever holds its console, never to the network.
     *
     * @return what was re-created, in words; empty if nothing was missing
     */
    public static List<String> restoreAccess(Transaction tx) throws ConfigException {
        List<String> restored = new ArrayList<>();
        for (String name : addMissingGroups(tx)) {
            restored.add("group " + name);
        }
        ConfigModel m = tx.model();
        Menu users = m.schema().menu("user");
        if (!UserMenus.hasEnabledPolicyUser(m)) {
            int full = m.idByName(m.schema().menu("user group"), "full");
            int admin = m.idByName(users, "admin");
            if (admin < 0) {
                tx.add(users, Map.of(users.property("name"), "admin", users.property("group"), full));
            } else {
                tx.set(users, admin, Map.of(users.property("group"), full, users.property("disabled"), false,
                        users.property("password"), ""));
            }
            restored.add("user admin (factory password, console only)");
        }
        return restored;
    }

    private static List<String> addMissingGroups(Transaction tx) throws ConfigException {
        ConfigModel m = tx.model();
        Menu groups = m.schema().menu("user group");
        Property policy = groups.property("policy");
        List<String> added = new ArrayList<>();
        for (String name : UserMenus.BUILTIN_GROUPS) {
            if (m.idByName(groups, name) < 0) {
                List<String> policies = switch (name) {
                    case "read" -> UserMenus.READ_POLICIES;
                    case "write" -> without(UserMenus.POLICIES, "ftp", "policy");
                    default -> UserMenus.POLICIES;
                };
                tx.add(groups, Map.of(groups.property("name"), name, policy, policies));
                added.add(name);
            }
        }
        return added;
    }

    private static List<String> without(List<String> all, String... drop) {
        return all.stream().filter(p -> !List.of(drop).contains(p)).toList();
    }
}
