package macserver.rest;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import macserver.json.JsonWriter;
import macserver.service.ConnectionGate;

/**
 * The end of the pipeline: runs the request on the worker executor (a write waits for flash, and a
 * password check takes a while, neither of which may stall the event loop): refuses a source that
 * is locked out for failed logins ({@link LoginThrottle}), checks Basic credentials, makes the
 * connection a session ({@link ConnectionGate#admit}) and writes the answer.
 */
final class RestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final RestApi api;
    private final LoginCache logins;
    private final LoginThrottle throttle;
    private final Executor workers;

    RestHandler(RestApi api, LoginCache logins, LoginThrottle throttle, Executor workers) {
        this.api = api;
        this.logins = logins;
        this.throttle = throttle;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        RequestDeadline deadline = ctx.pipeline().get(RequestDeadline.class);
        if (deadline != null) {
            deadline.requestReceived();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (req.decoderResult().isFailure()) {
            send(ctx, RestApi.error(400, "malformed request"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        Map<String, String> query = new LinkedHashMap<>();
        uri.parameters().forEach((k, v) -> query.put(k, v.getLast()));
        byte[] body = ByteBufUtil.getBytes(req.content());
        String method = req.method().name();
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        String ifMatch = req.headers().get(HttpHeaderNames.IF_MATCH);
        InetAddress source = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        try {
            workers.execute(() -> {
                RestResponse r;
                try {
                    r = answer(ctx, source, method, uri.path(), query, body, auth, ifMatch);
                } catch (RuntimeException e) {
                    r = RestApi.error(500, "internal error");
                }
                RestResponse answer = r;
                boolean open = keepAlive && answer.status() != 429 && answer.status() != 503;
                ctx.executor().execute(() -> send(ctx, answer, open));
            });
        } catch (RejectedExecutionException e) {
            send(ctx, RestApi.error(503, "too many requests"), false);
        }
    }

    private RestResponse answer(ChannelHandlerContext ctx, InetAddress source, String method, String path,
                                Map<String, String> query, byte[] body, String auth, String ifMatch) {
        if (method.equals("HEAD")) {
            return RestApi.error(501, null);
        }
        long wait = throttle.lockoutLeft(source);
        if (wait > 0) {
            // Even the right password is refused now: an answer that differed would end the lockout's use.
            return RestApi.error(429, "too many failed logins from " + source.getHostAddress() + "; try again in "
                    + wait + " s");
        }
        String[] credentials = basic(auth);
        if (credentials == null) {
            return RestApi.error(401, null);
        }
        if (!logins.login(credentials[0], credentials[1])) {
            throttle.failed(source);
            return RestApi.error(401, null);
        }
        throttle.succeeded(source);
        ConnectionGate gate = ctx.pipeline().get(ConnectionGate.class);
        if (gate != null && !gate.admit(ctx.channel())) {
            return RestApi.error(503, "too many sessions (max-sessions)");
        }
        return api.handle(new RestRequest(method, path, query, body, credentials[0], ifMatch));
    }

    /** {@code user:password} from a Basic header, or null. */
    static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    static void send(ChannelHandlerContext ctx, RestResponse r, boolean keepAlive) {
        RequestDeadline deadline = ctx.pipeline().get(RequestDeadline.class);
        if (deadline != null) {
            deadline.answered();
        }
        FullHttpResponse res = response(r);
        if (keepAlive) {
            HttpUtil.setKeepAlive(res, true);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static FullHttpResponse response(RestResponse r) {
        byte[] bytes = r.body() == null ? new byte[0] : JsonWriter.utf8(r.body());
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(bytes));
        if (r.body() != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        if (r.etag() != null) {
            res.headers().set(HttpHeaderNames.ETAG, "\"" + r.etag() + "\"");
        }
        if (r.status() == 401) {
            res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"macserver\"");
        }
        HttpUtil.setContentLength(res, bytes.length);
        return res;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

}
