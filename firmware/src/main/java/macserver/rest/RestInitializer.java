package macserver.rest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import macserver.service.ServiceListeners;

/**
 * One www service's pipeline after the gate and TLS ({@link ServiceListeners}), in order: idle
 * timeout → request deadline → HTTP/1.1 codec → aggregator (body limit, 413) → {@link RestHandler}.
 */
final class RestInitializer implements ServiceListeners.Pipeline {
    private final RestServer.Options options;
    private final RestApi api;
    private final LoginCache logins;
    private final LoginThrottle throttle;

    RestInitializer(RestServer.Options options, RestApi api, LoginCache logins, LoginThrottle throttle) {
        this.options = options;
        this.api = api;
        this.logins = logins;
        this.throttle = throttle;
    }

    @Override
    public void configure(SocketChannel ch, Executor workers) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("idle", new IdleStateHandler(0, 0, options.idleSeconds(), TimeUnit.SECONDS));
        p.addLast("deadline", new RequestDeadline(TimeUnit.SECONDS.toMillis(options.requestSeconds())));
        p.addLast("http", new HttpServerCodec(4096, 8192, 8192));
        p.addLast("aggregate", new JsonSizeLimit(options.maxBodyBytes()));
        p.addLast("rest", new RestHandler(api, logins, throttle, workers));
    }

    /** The aggregator, answering an oversized body with RouterOS's JSON error rather than a bare 413. */
    private static final class JsonSizeLimit extends HttpObjectAggregator {
        JsonSizeLimit(int maxBytes) {
            super(maxBytes);
        }

        /** A client that asked {@code Expect: 100-continue} for a too-large body hears why, too. */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
            if (answer instanceof FullHttpResponse r && r.status().code() == 413) {
                r.release();
                return RestHandler.response(RestApi.error(413, "request body is larger than the limit"));
            }
            return answer;
        }

        /**
         * Answers at once. While the client is still sending the body, closing would reset the
         * connection before it reads the answer; so a keep-alive request stays open and the
         * aggregator drops the rest of its body.
         */
        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            boolean keepOpen = !(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized)
                    && !HttpUtil.is100ContinueExpected(oversized);
            RestHandler.send(ctx, RestApi.error(413, "request body is larger than the limit"), keepOpen);
        }
    }
}
