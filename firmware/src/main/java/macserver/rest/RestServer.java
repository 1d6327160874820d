package macserver.rest;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import macserver.config.ConfigModel;
import macserver.config.menus.ServiceMenus;
import macserver.service.ServiceListeners;
import macserver.users.LoginService;

/**
 * The REST API's HTTP server: one listener per enabled {@code /ip service} entry ({@code www}
 * plain, {@code www-ssl} TLS), rebuilt when those entries change. Request work runs on a small
 * worker pool, because writes wait until the configuration is durable on flash.
 */
public final class RestServer implements AutoCloseable {
    /**
     * How the server binds and its limits. {@code portShift} is added to every service port, so
     * that a host run can use 8443 for www-ssl's 443 without root.
     */
    public record Options(String listenAddress, int portShift, int maxBodyBytes, int idleSeconds, int requestSeconds,
                          int workers, int loginSeconds) {
        public static Options defaults(String listenAddress, int portShift) {
            return new Options(listenAddress, portShift, 1 << 20, 60, 30, 4, 10);
        }
    }

    private final ServiceListeners listeners;

    public RestServer(ConfigModel model, LoginService loginService, WwwCertificate certificate, Options options) {
        RestApi api = new RestApi(model);
        LoginCache logins = new LoginCache(loginService, System::nanoTime, TimeUnit.SECONDS.toNanos(60));
        model.addListener((changes, origin) -> {
            for (var c : changes) {
                String menu = c.menu().spacedPath();
                if (menu.equals("/user") || menu.equals("/user group")) {
                    logins.clear();
                }
            }
        });
        this.listeners = new ServiceListeners("REST API", model,
                Map.of(ServiceMenus.WWW_ID, false, ServiceMenus.WWW_SSL_ID, true), certificate::serverContext,
                options.listenAddress(), options.portShift(), options.workers(),
                TimeUnit.SECONDS.toMillis(options.loginSeconds()),
                new RestInitializer(options, api, logins, new LoginThrottle(() -> System.currentTimeMillis() / 1000)));
    }

    /** Binds the enabled services; a port that cannot be bound is logged, not fatal. */
    public void start() {
        listeners.start();
    }

    /** Where a service listens now (null when it does not). */
    public InetSocketAddress address(int serviceId) {
        return listeners.address(serviceId);
    }

    @Override
    public void close() {
        listeners.close();
    }
}
