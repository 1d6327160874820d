package macserver.config.menus;

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
                row[lists.property("name").index()] = name;
                tx.setRow(lists, ids[i], row);
            }
        }
        ServiceMenus.addMissing(tx);
        if (!users) {
            return;
        }
        Menu groups = m.schema().menu("user group");
        Property policy = groups.property("policy");
        for (String name : UserMenus.BUILTIN_GROUPS) {
            if (m.idByName(groups, name) < 0) {
                List<String> policies = switch (name) {
                    case "read" -> UserMenus.READ_POLICIES;
                    case "write" -> without(UserMenus.POLICIES, "ftp", "policy");
                    default -> UserMenus.POLICIES;
                };
                tx.add(groups, Map.of(groups.property("name"), name, policy, policies));
            }
        }
        Menu userMenu = m.schema().menu("user");
        if (m.table(userMenu).size() == 0) {
            tx.add(userMenu, Map.of(userMenu.property("name"), "admin",
                    userMenu.property("group"), m.idByName(groups, "full")));
        }
    }

    private static List<String> without(List<String> all, String... drop) {
        return all.stream().filter(p -> !List.of(drop).contains(p)).toList();
    }
}
