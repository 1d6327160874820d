package macserver.fleet;

/**
 * What {@code /ip mac-server fleet status} shows.
 *
 * @param group        the group's topic root
 * @param entries      fleet entries held (tombstones included)
 * @param applied      entries applied as dynamic bindings
 * @param shadowed     entries a local binding overrides
 * @param noServer     entries naming a server this router lacks
 * @param removed      entries whose binding a local command removed
 * @param deleted      tombstones held
 * @param received     messages received since start
 * @param ignored      malformed messages ignored since start
 * @param stale        versions older than the held one since start (each answered by republishing the held one)
 * @param lastMessage  when the last message arrived (ms since the epoch), 0 if none
 * @param lastSync     when the router last knew itself in sync with the broker (ms), 0 if never
 * @param unsent       publishes waiting for room in the link's queue
 */
public record FleetStatus(String group, int entries, int applied, int shadowed, int noServer, int removed, int deleted,
                          long received, long ignored, long stale, long lastMessage, long lastSync, int unsent) {

    /** The row of {@code /ip mac-server fleet status} (times as seconds ago, unset if never). */
    public Object[] row(long nowMillis) {
        return new Object[] {group, (long) entries, (long) applied, (long) shadowed, (long) noServer, (long) removed,
            (long) deleted, received, ignored, stale, (long) unsent, ago(lastMessage, nowMillis), ago(lastSync, nowMillis), 1};
    }

    private static Long ago(long millis, long nowMillis) {
        return millis == 0 ? null : Math.max(0, (nowMillis - millis) / 1000);
    }
}
