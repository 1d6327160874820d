package macserver.rest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import macserver.auth.LoginService;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.menus.ServiceMenus;

/**
 * The REST API's HTTP server: one listener per enabled {@code /ip service} entry ({@code www}
 * plain, {@code www-ssl} TLS), rebuilt when those entries change. Request work runs on a small
 * worker pool, because writes wait until the configuration is durable on flash.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RestServer.class.getName());

    /**
     * How the server binds and its limits. {@code portShift} is added to every service port, so
     * that a host run can use 8443 for www-ssl's 443 without root. {@code loginSeconds} is how
     * long a new connection may take to finish TLS and log in before it is closed.
     */
    public record Options(String listenAddress, int portShift, int maxBodyBytes, int idleSeconds, int requestSeconds,
                          int workers, int loginSeconds) {
        public static Options defaults(String listenAddress, int portShift) {
            return new Options(listenAddress, portShift, 1 << 20, 60, 30, 4, 10);
        }
    }

    private final ConfigModel model;
    private final Options options;
    private final WwwCertificate certificate;
    private final RestApi api;
    private final LoginCache logins;
    private final LoginThrottle throttle = new LoginThrottle(() -> System.currentTimeMillis() / 1000);
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ExecutorService workers;
    private final ExecutorService restarter = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> daemon(r, "rest-restart"));
    private final List<Channel> listeners = new ArrayList<>();
    private final Map<Integer, InetSocketAddress> bound = new java.util.concurrent.ConcurrentHashMap<>();

    public RestServer(ConfigModel model, LoginService loginService, WwwCertificate certificate, Options options) {
        this.model = model;
        this.options = options;
        this.certificate = certificate;
        this.api = new RestApi(model);
        this.logins = new LoginCache(loginService, System::nanoTime, TimeUnit.SECONDS.toNanos(60));
        this.workers = new ThreadPoolExecutor(options.workers(), options.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> daemon(r, "rest-worker"));
        model.addListener((changes, origin) -> {
            for (var c : changes) {
                String menu = c.menu().spacedPath();
                if (menu.equals("/user") || menu.equals("/user group")) {
                    logins.clear();
                }
                if (menu.equals("/ip service") && listenerChanged(c)) {
                    restarter.execute(this::restart);
                }
            }
        });
    }

    /** Port or disabled changed; address and max-sessions are read per connection and need no rebind. */
    private static boolean listenerChanged(macserver.config.Change c) {
        if (c.before() == null || c.after() == null) {
            return true;
        }
        int port = c.menu().property("port").index();
        int disabled = c.menu().property("disabled").index();
        return !java.util.Objects.equals(c.before()[port], c.after()[port])
                || !java.util.Objects.equals(c.before()[disabled], c.after()[disabled]);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Binds the enabled services; a port that cannot be bound is logged, not fatal. */
    public synchronized void start() {
        Menu services = model.schema().menu("ip service");
        record Service(int id, String name, int port, boolean disabled) {}
        List<Service> list = model.read(() -> {
            List<Service> out = new ArrayList<>();
            for (var it = model.table(services).iterator(); it.hasNext(); ) {
                var e = it.next();
                Object[] row = e.getValue();
                out.add(new Service(e.getKey(), (String) row[services.property("name").index()],
                        ((Long) row[services.property("port").index()]).intValue(),
                        Boolean.TRUE.equals(row[services.property("disabled").index()])));
            }
            return out;
        });
        for (Service s : list) {
            if (s.disabled() || (s.id() != ServiceMenus.WWW_ID && s.id() != ServiceMenus.WWW_SSL_ID)) {
                continue;
            }
            boolean tls = s.id() == ServiceMenus.WWW_SSL_ID;
            int port = s.port() + options.portShift();
            if (port > 65535) {
                LOG.warning(s.name() + ": port " + port + " out of range");
                continue;
            }
            try {
                ConnectionGate gate = new ConnectionGate(() -> limits(s.id()),
                        TimeUnit.SECONDS.toMillis(options.loginSeconds()));
                ServerBootstrap b = new ServerBootstrap()
                        .group(loops)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 128)
                        .childHandler(new RestInitializer(gate, tls ? tlsContext() : null, options, api, logins,
                                throttle, workers));
                Channel ch = bind(b, port);
                listeners.add(ch);
                bound.put(s.id(), (InetSocketAddress) ch.localAddress());
                LOG.info(s.name() + " (REST API) listening on " + ch.localAddress());
            } catch (Exception e) {
                LOG.warning(s.name() + ": cannot listen on " + options.listenAddress() + ":" + port + ": " + e.getMessage());
            }
        }
    }

    /**
     * Binds, retrying for a moment: after a rebuild the old listener's socket is released only
     * when its event loop next selects, so the port can still be taken for a few milliseconds.
     */
    private Channel bind(ServerBootstrap b, int port) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return b.bind(options.listenAddress(), port).sync().channel();
            } catch (Exception e) {
                if (!(e instanceof java.net.BindException) || attempt >= 50) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private ConnectionGate.Limits limits(int serviceId) {
        Menu services = model.schema().menu("ip service");
        return model.read(() -> {
            Object[] row = model.table(services).get(serviceId);
            @SuppressWarnings("unchecked")
            List<String> allowed = (List<String>) row[services.property("address").index()];
            return new ConnectionGate.Limits(allowed, ((Long) row[services.property("max-sessions").index()]).intValue());
        });
    }

    private SslContext tlsContext() throws SSLException {
        return SslContextBuilder.forServer(certificate.key(), certificate.certificate())
                .protocols("TLSv1.3", "TLSv1.2").build();
    }

    /** Where a service listens now (null when it does not). */
    public InetSocketAddress address(int serviceId) {
        return bound.get(serviceId);
    }

    private synchronized void restart() {
        stopListeners();
        start();
    }

    private void stopListeners() {
        for (Channel ch : listeners) {
            ch.close().syncUninterruptibly();
        }
        listeners.clear();
        bound.clear();
    }

    @Override
    public synchronized void close() {
        stopListeners();
        restarter.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownNow();
    }
}
