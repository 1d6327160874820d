package macserver.cli;

import java.util.Set;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.menus.UserMenus.GroupRow;
import macserver.config.menus.UserMenus.UserRow;

/**
 * What a user's group allows, read fresh for every command so that a change of group or policy
 * applies at once. Policies are RouterOS's: read, write, policy (user management), ...
 */
public final class Permissions {
    private Permissions() {
    }

    /** The policies of the user's group; empty when the user is gone or disabled. */
    public static Set<String> of(ConfigModel model, String userName) {
        return model.read(() -> {
            Menu users = model.schema().menu("user");
            int id = model.idByName(users, userName);
            if (id < 0) {
                return Set.of();
            }
            Object[] u = model.table(users).get(id);
            if (UserRow.disabled(u)) {
                return Set.of();
            }
            return policies(model, UserRow.group(u));
        });
    }

    /** The policies of a group by name (a user RADIUS accepted); empty when there is no such group. */
    static Set<String> ofGroup(ConfigModel model, String groupName) {
        return model.read(() -> policies(model, model.idByName(model.schema().menu("user group"), groupName)));
    }

    private static Set<String> policies(ConfigModel model, int groupId) {
        Menu groups = model.schema().menu("user group");
        Object[] g = groupId < 0 ? null : model.table(groups).get(groupId);
        if (g == null) {
            return Set.of();
        }
        return Set.copyOf(GroupRow.policy(g));
    }

    /**
     * For planes without commands (REST): checks that {@code user} may read, or with
     * {@code writes} change, {@code menu}, by the same rules as the console.
     */
    public static void check(ConfigModel model, String user, Menu menu, boolean writes) throws macserver.config.ConfigException {
        Set<String> policies = of(model, user);
        boolean userAdmin = !menu.path().isEmpty() && menu.path().get(0).equals("user");
        boolean ok = writes
                ? policies.contains("write") && (!userAdmin || policies.contains("policy"))
                : policies.contains("read");
        if (!ok) {
            throw new macserver.config.ConfigException("not enough permissions (9)");
        }
    }

    /** Checks that the user may run {@code command} in {@code menu}. */
    static void check(Set<String> policies, Command command, Menu menu) throws CliException {
        boolean userAdmin = !menu.path().isEmpty() && menu.path().get(0).equals("user");
        boolean ok = command.writes()
                ? policies.contains("write") && (!userAdmin || policies.contains("policy"))
                        && (!(command instanceof ResetConfigurationCommand) || policies.contains("policy"))
                : policies.contains("read") || command instanceof QuitCommand;
        if (!ok) {
            throw new CliException("not enough permissions (9)");
        }
    }
}
