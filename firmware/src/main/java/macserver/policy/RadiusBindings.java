package macserver.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Property;
import macserver.config.menus.BindingTable;
import macserver.config.menus.MacServerMenus.BindingRow;
import macserver.config.menus.MacServerMenus.ServerRow;
import macserver.config.menus.SystemMenus;
import macserver.radius.MacAuthenticator;
import macserver.radius.MacFormat;
import macserver.radius.RadiusAttribute;
import macserver.radius.RadiusResponse;

/**
 * RADIUS MAC authentication for the MAC servers that have {@code radius-mac-auth=yes}: a worker
 * takes the knocks the data path noted ({@link MacKnocks}), asks RADIUS through a
 * {@link MacAuthenticator} (cached, one request per MAC at a time), and turns an Access-Accept into
 * a dynamic binding (flag D). Its timeout is the answer's Session-Timeout, else the server's
 * accept cache lifetime; a Filter-Id naming another MAC server instance binds the MAC to that one.
 * With {@code radius-fallback=allow}, a MAC gets a binding for the reject cache lifetime when no
 * RADIUS server answers.
 */
public final class RadiusBindings implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RadiusBindings.class.getName());

    private final ConfigModel model;
    private final MacKnocks knocks;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final MacAuthenticator authenticator;
    private final Thread worker;
    private volatile boolean running = true;

    public RadiusBindings(ConfigModel model, MacKnocks knocks, RadiusServers servers) {
        this.model = model;
        this.knocks = knocks;
        this.authenticator = new MacAuthenticator(() -> servers.client(RadiusServers.MAC_SERVER), executor,
                System::nanoTime, this::decided);
        Menu radius = model.schema().menu("radius");
        model.addListener((changes, origin) -> {
            for (var c : changes) {
                if (c.menu() == radius) {
                    authenticator.clear();
                    return;
                }
            }
        });
        this.worker = Thread.ofPlatform().daemon().name("radius-mac-auth").start(this::run);
    }

    /** Wakes the worker at once (the data path may call this after a knock; it does not allocate). */
    public void wake() {
        LockSupport.unpark(worker);
    }

    private void run() {
        while (running) {
            try {
                knocks.drain(this::knocked);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "RADIUS MAC authentication worker", e);
            }
            knocks.awaitKnock();
        }
    }

    private void knocked(long knock) {
        long mac = MacKnocks.mac(knock);
        int server = MacKnocks.server(knock);
        MacAuthenticator.Settings settings = model.read(() -> settings(server));
        if (settings == null) {
            return;
        }
        Optional<MacAuthenticator.Outcome> cached = authenticator.request(mac, server, settings);
        // A cached accept whose binding is gone (expired or removed) gets a new one.
        if (cached.isPresent() && cached.get() == MacAuthenticator.Outcome.ACCEPT) {
            bind(mac, server, TimeUnit.NANOSECONDS.toSeconds(settings.acceptCacheNanos()));
        }
    }

    /** Null when the server is gone or no longer asks RADIUS. Call with the model locked. */
    private MacAuthenticator.Settings settings(int server) {
        Menu servers = model.schema().menu("ip mac-server");
        Object[] row = model.table(servers).get(server);
        if (row == null || !ServerRow.radiusMacAuth(row)) {
            return null;
        }
        return new MacAuthenticator.Settings(
                MacFormat.ofPattern(ServerRow.radiusMacFormat(row)), SystemMenus.identity(model),
                TimeUnit.SECONDS.toNanos(ServerRow.radiusAcceptCacheSeconds(row)),
                TimeUnit.SECONDS.toNanos(ServerRow.radiusRejectCacheSeconds(row)));
    }

    private void decided(long mac, int server, MacAuthenticator.Outcome outcome, RadiusResponse response) {
        MacAuthenticator.Settings settings = model.read(() -> settings(server));
        if (settings == null) {
            return;
        }
        switch (outcome) {
            case ACCEPT -> {
                RadiusAttribute timeout = response.first(RadiusAttribute.SESSION_TIMEOUT);
                long seconds = timeout != null && timeout.asInteger() > 0 ? timeout.asInteger()
                        : TimeUnit.NANOSECONDS.toSeconds(settings.acceptCacheNanos());
                RadiusAttribute instance = response.first(RadiusAttribute.FILTER_ID);
                int target = server;
                if (instance != null) {
                    int named = model.read(() -> model.idByName(model.schema().menu("ip mac-server"), instance.asText()));
                    target = named > 0 ? named : server;
                }
                bind(mac, target, seconds);
            }
            case UNAVAILABLE -> {
                boolean allow = model.read(() -> {
                    Menu servers = model.schema().menu("ip mac-server");
                    Object[] row = model.table(servers).get(server);
                    return row != null && "allow".equals(ServerRow.radiusFallback(row));
                });
                if (allow) {
                    bind(mac, server, TimeUnit.NANOSECONDS.toSeconds(settings.rejectCacheNanos()));
                }
            }
            case REJECT -> {
                // No binding: the data path keeps dropping the MAC, and the cache keeps RADIUS quiet.
            }
        }
    }

    /** Adds a dynamic allow binding unless the MAC has a binding already (a static one always wins). */
    private void bind(long mac, int server, long timeoutSeconds) {
        try {
            model.write(Origin.SYSTEM, tx -> {
                Menu bindings = tx.model().schema().menu("ip mac-server binding");
                if (((BindingTable) tx.model().table(bindings)).idOfMac(mac) >= 0) {
                    return null;
                }
                Map<Property, Object> values = new HashMap<>();
                values.put(BindingRow.MAC_ADDRESS.in(bindings), mac);
                values.put(BindingRow.SERVER.in(bindings), server);
                values.put(BindingRow.DYNAMIC.in(bindings), true);
                if (timeoutSeconds > 0) {
                    values.put(BindingRow.TIMEOUT.in(bindings), timeoutSeconds);
                }
                tx.add(bindings, values);
                return null;
            });
        } catch (ConfigException e) {
            LOG.warning("could not add a dynamic binding from RADIUS: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        executor.shutdownNow();
    }
}
