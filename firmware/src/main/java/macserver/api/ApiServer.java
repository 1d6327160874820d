package macserver.api;

import io.netty.channel.ChannelPipeline;
import java.util.Map;
import macserver.config.ConfigModel;
import macserver.config.Plane;
import macserver.config.menus.ServiceMenus;
import macserver.rest.RestApi;
import macserver.rest.WwwCertificate;
import macserver.service.ServiceListeners;
import macserver.users.UserLoginService;

/**
 * The RouterOS API's TCP service: listeners for the {@code /ip service} entries {@code api}
 * (plain) and {@code api-ssl} (TLS with www-ssl's certificate), and each connection's pipeline,
 * in order: connection gate (allow-list, max-sessions) → TLS (api-ssl) → sentence deadline →
 * sentence decoder / encoder → {@link ApiSession}.
 */
public final class ApiServer {
    /**
     * How the server binds and its limits. {@code portShift} is added to every service port, as for
     * REST, so that a host run can use 16728/16729 without root.
     */
    public record Options(String listenAddress, int portShift, ApiLimits limits, int sentenceSeconds, int loginSeconds,
                          int workers) {
        public static Options defaults(String listenAddress, int portShift) {
            return new Options(listenAddress, portShift, ApiLimits.defaults(), 30, 60, 4);
        }
    }

    private ApiServer() {
    }

    /** The API's listeners, not yet started. */
    public static ServiceListeners create(ConfigModel model, UserLoginService logins, WwwCertificate certificate,
                                          Options options) {
        ApiCommands commands = new ApiCommands(new RestApi(model, Plane.API));
        return new ServiceListeners("RouterOS API", model,
                Map.of(ServiceMenus.API_ID, false, ServiceMenus.API_SSL_ID, true), certificate::serverContext,
                options.listenAddress(), options.portShift(), options.workers(), options.loginSeconds() * 1000L,
                (ch, workers) -> {
                    ApiSentenceDecoder decoder = new ApiSentenceDecoder(options.limits());
                    ChannelPipeline p = ch.pipeline();
                    p.addLast("deadline", new SentenceDeadline(decoder, options.sentenceSeconds() * 1000L));
                    p.addLast("decoder", decoder);
                    p.addLast("encoder", ApiSentenceEncoder.INSTANCE);
                    p.addLast("session", new ApiSession(commands, logins,
                            user -> logins.admits(user, Plane.API), workers, options.loginSeconds() * 1000L));
                });
    }
}
