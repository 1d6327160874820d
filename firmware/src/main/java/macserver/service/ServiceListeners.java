package macserver.service;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import macserver.config.Change;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.menus.ServiceMenus.ServiceRow;

/**
 * The TCP listeners of some {@code /ip service} entries (www and www-ssl for REST, api and api-ssl
 * for the RouterOS API): one per enabled entry at its port plus the port shift, rebuilt when an
 * entry's port or {@code disabled} changes; {@code address} and {@code max-sessions} are read
 * for each new connection by its {@link ConnectionGate}. Owns two event-loop threads and a
 * worker pool (its queue holds 1,024 jobs; beyond that the pool refuses, and the service answers
 * that it is busy).
 */
public final class ServiceListeners implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServiceListeners.class.getName());

    /**
     * The rest of a new connection's pipeline, after the {@link ConnectionGate} ({@code "gate"})
     * and, on a TLS service, the TLS handler ({@code "tls"}); {@code workers} is the pool for slow
     * work (password checks, writes that wait for flash).
     */
    @FunctionalInterface
    public interface Pipeline {
        void configure(SocketChannel ch, Executor workers);
    }

    private final String what;
    private final ConfigModel model;
    private final Menu services;
    private final Map<Integer, Boolean> tlsById;
    private final Callable<SslContext> tls;
    private final String listenAddress;
    private final int portShift;
    private final Pipeline pipeline;
    /** How long a connection may take to log in before the gate closes it. */
    private final long loginMillis;
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ExecutorService restarter;
    private final ExecutorService workers;
    private final List<Channel> listeners = new ArrayList<>();
    private final Map<Integer, InetSocketAddress> bound = new ConcurrentHashMap<>();

    /**
     * @param what     what the services carry, for log lines ({@code REST API})
     * @param tlsById  the entries by id, each with whether it speaks TLS
     * @param tls      makes the TLS context of a TLS entry
     * @param workers  how many worker threads
     * @param loginMillis how long a connection may wait before it logs in ({@link ConnectionGate#admit})
     */
    public ServiceListeners(String what, ConfigModel model, Map<Integer, Boolean> tlsById, Callable<SslContext> tls,
                            String listenAddress, int portShift, int workers, long loginMillis, Pipeline pipeline) {
        this.what = what;
        this.model = model;
        this.services = model.schema().menu("ip service");
        this.tlsById = Map.copyOf(tlsById);
        this.tls = tls;
        this.listenAddress = listenAddress;
        this.portShift = portShift;
        this.pipeline = pipeline;
        this.loginMillis = loginMillis;
        String prefix = what.replace(' ', '-');
        this.restarter = Executors.newSingleThreadExecutor(r -> daemon(r, prefix + "-restart"));
        this.workers = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
                r -> daemon(r, prefix + "-worker"));
        model.addListener((changes, origin) -> {
            for (Change c : changes) {
                if (c.menu() == services && tlsById.containsKey(c.id()) && listenerChanged(c)) {
                    restarter.execute(this::restart);
                }
            }
        });
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Port or disabled changed; address and max-sessions are read per connection and need no rebind. */
    private static boolean listenerChanged(Change c) {
        if (c.before() == null || c.after() == null) {
            return true;
        }
        return ServiceRow.listenerChanged(c.before(), c.after());
    }

    private record Entry(String name, int port, boolean disabled, List<String> allowed, int maxSessions) {}

    private Entry entry(int id) {
        return model.read(() -> {
            Object[] row = model.table(services).get(id);
            return row == null ? null : new Entry(ServiceRow.name(row), ServiceRow.port(row), ServiceRow.disabled(row),
                    ServiceRow.address(row), ServiceRow.maxSessions(row));
        });
    }

    private ConnectionGate.Limits limits(int id) {
        Entry e = entry(id);
        return e == null ? new ConnectionGate.Limits(List.of(), 0) : new ConnectionGate.Limits(e.allowed(), e.maxSessions());
    }

    /** Binds the enabled entries; a port that cannot be bound is logged, not fatal. */
    public synchronized void start() {
        for (var s : new java.util.TreeMap<>(tlsById).entrySet()) {
            int id = s.getKey();
            Entry e = entry(id);
            if (e == null || e.disabled()) {
                continue;
            }
            int port = e.port() + portShift;
            if (port > 65535) {
                LOG.warning(e.name() + ": port " + port + " out of range");
                continue;
            }
            try {
                ServerBootstrap b = new ServerBootstrap()
                        .group(loops)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 128)
                        .childHandler(initializer(new ConnectionGate(() -> limits(id), loginMillis),
                                s.getValue() ? new TlsOnFirstUse(tls) : null));
                Channel ch = bind(b, port);
                listeners.add(ch);
                bound.put(id, (InetSocketAddress) ch.localAddress());
                LOG.info(e.name() + " (" + what + ") listening on " + ch.localAddress());
            } catch (Exception ex) {
                LOG.warning(e.name() + ": cannot listen on " + listenAddress + ":" + port + ": " + ex.getMessage());
            }
        }
    }

    private ChannelInitializer<SocketChannel> initializer(ConnectionGate gate, TlsOnFirstUse tlsContext) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) throws Exception {
                ch.pipeline().addLast("gate", gate);
                if (tlsContext != null) {
                    ch.pipeline().addLast("tls", tlsContext.get().newHandler(ch.alloc()));
                }
                pipeline.configure(ch, workers);
            }
        };
    }

    /**
     * A listener's TLS context, made on its first connection rather than when it binds: the
     * JDK's TLS engine and Netty's SSL classes (a few hundred) then stay unloaded on a router
     * nobody reaches over TLS, which is metaspace a 128 MiB board keeps. A context that cannot be
     * made fails that connection (Netty logs it and closes the channel); the next one tries again.
     * Each bind has its own, as before, so a rebuilt listener takes the certificate of that time.
     */
    private static final class TlsOnFirstUse {
        private final Callable<SslContext> make;
        private SslContext context;

        TlsOnFirstUse(Callable<SslContext> make) {
            this.make = make;
        }

        synchronized SslContext get() throws Exception {
            if (context == null) {
                context = make.call();
            }
            return context;
        }
    }

    /**
     * Binds, retrying for a moment: after a rebuild the old listener's socket is released only
     * when its event loop next selects, so the port can still be taken for a few milliseconds.
     */
    private Channel bind(ServerBootstrap b, int port) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return b.bind(listenAddress, port).sync().channel();
            } catch (Exception e) {
                if (!(e instanceof java.net.BindException) || attempt >= 50) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** Where an entry listens now (null when it does not). */
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
