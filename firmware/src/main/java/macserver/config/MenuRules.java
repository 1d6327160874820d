package macserver.config;

/**
 * Menu-specific checks and side effects of a transaction, beyond what property types and flags
 * already enforce. Throwing rolls the whole transaction back.
 */
public interface MenuRules {

    /** Called after an add or set was applied to the transaction; {@code before} is null for an add. */
    default void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
    }

    /** Called before an item is removed. */
    default void beforeRemove(Transaction tx, Menu menu, int id, Object[] row) throws ConfigException {
    }

    MenuRules NONE = new MenuRules() { };
}
