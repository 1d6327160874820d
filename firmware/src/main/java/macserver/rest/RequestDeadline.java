package macserver.rest;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request does not arrive in full within the deadline, counted from its
 * first byte: the idle timeout alone lets a client that trickles a byte now and then hold a
 * connection forever. Sits below the HTTP codec; {@link RestHandler} reports when a whole request
 * has arrived and when its answer has gone. Runs on the channel's event loop only.
 */
final class RequestDeadline extends ChannelDuplexHandler {
    private final long deadlineMillis;
    private ScheduledFuture<?> timer;
    private boolean handling;

    RequestDeadline(long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (timer == null && !handling) {
            timer = ctx.executor().schedule(() -> expire(ctx), deadlineMillis, TimeUnit.MILLISECONDS);
        }
        super.channelRead(ctx, msg);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (!handling) {
            ctx.channel().writeAndFlush(RestHandler.response(RestApi.error(408, "request not received in time")))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A whole request has arrived: the clock stops until it is answered. */
    void requestReceived() {
        handling = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The answer has gone: the next byte starts the clock for the next request. */
    void answered() {
        handling = false;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        super.channelInactive(ctx);
    }
}
