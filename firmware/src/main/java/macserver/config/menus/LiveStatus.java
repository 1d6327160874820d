package macserver.config.menus;

import java.util.List;
import macserver.config.ConfigException;
import macserver.radius.RadiusStatistics;

/**
 * What the running system reports to the read-only menus and status properties, one typed
 * provider per part of the firmware. The parts that start later (data path, sessions, the fleet)
 * plug theirs in when they start; until then, and for whatever a provider leaves out, the menus
 * show nothing.
 */
public final class LiveStatus {

    /** The MAC server plane: sessions, drops, neighbours and per-server figures. */
    public interface MacServerFigures {
        /** The rows of {@code /tool mac-server sessions}. */
        default List<Object[]> sessions() { return List.of(); }

        /** Ends a session listed there. */
        default void endSession(int id) throws ConfigException { throw new ConfigException("no such item"); }

        /** The rows of {@code /tool mac-server drops}. */
        default List<Object[]> drops() { return List.of(); }

        /** The rows of {@code /ip neighbor}. */
        default List<Object[]> neighbors() { return List.of(); }

        default long sessionCount(int serverId) { return 0; }

        default long packets(int serverId) { return 0; }

        default long drops(int serverId) { return 0; }

        /** Seconds since {@code mac} was last heard, or null. */
        default Long secondsSinceHeard(long mac) { return null; }

        /** The counters of a {@code /radius} entry, for {@code /radius monitor}. */
        default RadiusStatistics radius(int id) { return new RadiusStatistics(); }
    }

    /** The machine and the firmware: interfaces, resources, board, packages, recent changes. */
    public interface SystemFigures {
        default List<Object[]> interfaces() { return List.of(); }

        default List<Object[]> resource() { return List.of(); }

        default List<Object[]> routerboard() { return List.of(); }

        default List<Object[]> packages() { return List.of(); }

        /** The rows of {@code /system history}. */
        default List<Object[]> history() { return List.of(); }
    }

    /** What the last mount of the flash found: {@code /system store} and {@code /system store damage}. */
    public interface StoreFigures {
        default List<Object[]> status() { return List.of(); }

        default List<Object[]> damage() { return List.of(); }
    }

    /** Each MAC server's nftables sets, as {@code nft-status} and {@code nft-last-error}. */
    public interface NftFigures {
        default String status(int serverId) { return "off"; }

        default String lastError(int serverId) { return null; }
    }

    /** The row of {@code /ip mac-server fleet status} while the router is in a fleet group. */
    @FunctionalInterface
    public interface FleetFigures {
        List<Object[]> status();
    }

    private volatile MacServerFigures macServer = new MacServerFigures() { };
    private volatile SystemFigures system = new SystemFigures() { };
    private volatile StoreFigures store = new StoreFigures() { };
    private volatile NftFigures nft = new NftFigures() { };
    private volatile FleetFigures fleet = List::of;

    public MacServerFigures macServer() { return macServer; }
    public SystemFigures system() { return system; }
    public StoreFigures store() { return store; }
    public NftFigures nft() { return nft; }
    public FleetFigures fleet() { return fleet; }

    public void report(MacServerFigures figures) { macServer = figures; }
    public void report(SystemFigures figures) { system = figures; }
    public void report(StoreFigures figures) { store = figures; }
    public void report(NftFigures figures) { nft = figures; }
    public void report(FleetFigures figures) { fleet = figures == null ? List::of : figures; }
}
