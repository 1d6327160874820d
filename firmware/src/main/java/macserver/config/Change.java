package macserver.config;

/**
 * One item changed by a transaction. {@code before} is null for an add, {@code after} null for
 * a remove. Rows are never modified in place, so listeners may keep them.
 */
public record Change(Menu menu, int id, Object[] before, Object[] after) {
    public boolean isAdd() {
        return before == null;
    }

    public boolean isRemove() {
        return after == null;
    }
}
