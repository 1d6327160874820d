package macserver.config;

/**
 * Rules for settings that decide whose rights someone else gets (the user the MQTT agent acts as,
 * the broker it obeys, RADIUS servers that admit logins and name their group): changing them
 * needs the {@code policy} right, as user management does, because whoever sets them can make
 * themselves more powerful than their own group. Wraps the menu's other rules, which run after
 * the check.
 */
public final class PolicyGuard implements MenuRules {

    /** Which changes need the right; {@code before} is null for an add, {@code after} null for a remove. */
    @FunctionalInterface
    public interface Sensitive {
        boolean test(Menu menu, Object[] before, Object[] after);
    }

    private final Sensitive sensitive;
    private final MenuRules then;

    public PolicyGuard(Sensitive sensitive, MenuRules then) {
        this.sensitive = sensitive;
        this.then = then;
    }

    /** Every add, set and remove in the menu needs the right. */
    public static PolicyGuard everything(MenuRules then) {
        return new PolicyGuard((menu, before, after) -> true, then);
    }

    /** A change of any of {@code properties} (an add compares with the defaults) needs the right. */
    public static PolicyGuard properties(MenuRules then, String... properties) {
        return new PolicyGuard((menu, before, after) -> {
            Object[] was = before == null ? menu.defaultRow() : before;
            Object[] now = after == null ? menu.defaultRow() : after;
            for (String p : properties) {
                int i = menu.property(p).index();
                if (!java.util.Objects.equals(was[i], now[i])) {
                    return true;
                }
            }
            return false;
        }, then);
    }

    @Override
    public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
        check(tx, menu, before, after);
        then.afterWrite(tx, menu, id, before, after);
    }

    @Override
    public void beforeRemove(Transaction tx, Menu menu, int id, Object[] row) throws ConfigException {
        check(tx, menu, row, null);
        then.beforeRemove(tx, menu, id, row);
    }

    private void check(Transaction tx, Menu menu, Object[] before, Object[] after) throws PermissionException {
        if (!tx.origin().hasPolicyRight() && sensitive.test(menu, before, after)) {
            throw new PermissionException();
        }
    }
}
