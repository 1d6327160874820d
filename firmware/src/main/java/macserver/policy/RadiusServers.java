package macserver.policy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.menus.RadiusMenus;
import macserver.config.menus.RadiusMenus.RadiusRow;
import macserver.radius.RadiusClient;
import macserver.radius.RadiusServer;
import macserver.radius.RadiusStatistics;

/**
 * The {@code /radius} entries as RADIUS clients: for a service ({@code mac-server} or
 * {@code login}), the enabled entries that offer it, in their order. Each entry keeps one
 * {@link RadiusStatistics} for as long as it exists, whichever client used it, so that
 * {@code /radius monitor} counts every request.
 */
public final class RadiusServers {
    public static final String MAC_SERVER = "mac-server";
    public static final String LOGIN = "login";
    private static final Logger LOG = Logger.getLogger(RadiusServers.class.getName());
    private static final int SENDS_PER_SERVER = 3;

    private final ConfigModel model;
    private final ConcurrentHashMap<Integer, RadiusStatistics> statistics = new ConcurrentHashMap<>();

    public RadiusServers(ConfigModel model) {
        this.model = model;
        Menu radius = model.schema().menu("radius");
        model.addListener((changes, origin) -> {
            for (var c : changes) {
                if (c.menu() == radius) {
                    model.read(() -> statistics.keySet().removeIf(id -> model.table(radius).get(id) == null));
                    return;
                }
            }
        });
    }

    /** The counters of {@code /radius} entry {@code id} (zero for one never asked). */
    public RadiusStatistics statistics(int id) {
        return statistics.computeIfAbsent(id, k -> new RadiusStatistics());
    }

    /** A client over the enabled entries with {@code service}, in order (none: every request goes unanswered). */
    public RadiusClient client(String service) {
        List<RadiusServer> servers = new ArrayList<>();
        List<RadiusStatistics> stats = new ArrayList<>();
        model.read(() -> {
            Menu m = model.schema().menu("radius");
            for (var it = model.table(m).iterator(); it.hasNext(); ) {
                var entry = it.next();
                Object[] r = entry.getValue();
                if (RadiusRow.disabled(r) || !RadiusRow.service(r).contains(service)) {
                    continue;
                }
                byte[] secret = RadiusMenus.secret(model, r);
                if (secret == null) {
                    continue;
                }
                try {
                    String src = RadiusRow.srcAddress(r);
                    InetAddress source = src.equals("0.0.0.0") ? null : InetAddress.getByName(src);
                    servers.add(new RadiusServer(new InetSocketAddress(
                            InetAddress.getByName(RadiusRow.address(r)), RadiusRow.authenticationPort(r)), secret,
                            Duration.ofMillis(RadiusRow.timeoutMillis(r)), source, RadiusRow.requiresMessageAuth(r)));
                    stats.add(statistics(entry.getKey()));
                } catch (UnknownHostException e) {
                    LOG.warning("RADIUS server with an unusable address skipped: " + e.getMessage());
                }
            }
            return null;
        });
        return new RadiusClient(servers, stats, SENDS_PER_SERVER);
    }
}
