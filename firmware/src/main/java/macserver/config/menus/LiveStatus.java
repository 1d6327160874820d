package macserver.config.menus;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import macserver.config.Menu;

/**
 * What the running system reports to the read-only menus and status properties. The parts
 * that start later (data path, sessions) plug their suppliers in when they start; until then
 * the menus show nothing.
 */
public final class LiveStatus {
    public volatile Supplier<List<Object[]>> interfaces = List::of;
    public volatile Supplier<List<Object[]>> neighbors = List::of;
    public volatile Supplier<List<Object[]>> sessions = List::of;
    public volatile Supplier<List<Object[]>> drops = List::of;
    public volatile Supplier<List<Object[]>> resource = List::of;
    /** The row of /system store and the rows of /system store damage: what the last mount found. */
    public volatile Supplier<List<Object[]>> storeStatus = List::of;
    public volatile Supplier<List<Object[]>> storeDamage = List::of;
    /** /system routerboard, /system package and /system history (recent configuration changes). */
    public volatile Supplier<List<Object[]>> routerboard = List::of;
    public volatile Supplier<List<Object[]>> packages = List::of;
    public volatile Supplier<List<Object[]>> history = List::of;
    /** The row of /ip mac-server fleet status while the router is in a fleet group. */
    public volatile Supplier<List<Object[]>> fleetStatus = List::of;
    /** Packets a MAC server accepted and dropped since start, by server id. */
    public volatile IntFunction<Long> serverPackets = id -> 0L;
    public volatile IntFunction<Long> serverDrops = id -> 0L;
    /** Sessions open on a MAC server, by server id. */
    public volatile IntFunction<Long> sessionCount = id -> 0L;
    /** Seconds since a MAC was last heard, or null. */
    public volatile LongFunction<Long> lastSeen = mac -> null;
    /** What /ip mac-server shows as nft-status and nft-last-error, by server id. */
    public volatile IntFunction<String> nftStatus = id -> "off";
    public volatile IntFunction<String> nftLastError = id -> null;
    /** The counters of a {@code /radius} entry, by id, for {@code /radius monitor}. */
    public volatile IntFunction<macserver.radius.RadiusStatistics> radiusStatistics =
            id -> new macserver.radius.RadiusStatistics();
    /** Ends a session listed in /tool mac-server sessions. */
    public volatile Menu.LiveRemover endSession = id -> {
        throw new macserver.config.ConfigException("no such item");
    };
}
