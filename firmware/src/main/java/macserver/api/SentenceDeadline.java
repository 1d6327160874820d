package macserver.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose sentence has begun and not ended within the deadline, counted from its
 * first byte: otherwise a client could hold a half-sent word open for ever, or trickle a byte now
 * and then. Sits just before the {@link ApiSentenceDecoder}, which decodes each read before this
 * handler's {@code channelRead} returns, so it can ask the decoder whether a sentence is pending.
 * Runs on the channel's event loop only.
 */
final class SentenceDeadline extends ChannelInboundHandlerAdapter {
    private final ApiSentenceDecoder decoder;
    private final long deadlineMillis;
    private ScheduledFuture<?> timer;

    SentenceDeadline(ApiSentenceDecoder decoder, long deadlineMillis) {
        this.decoder = decoder;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        super.channelRead(ctx, msg);
        if (!decoder.midSentence()) {
            stop();
        } else if (timer == null) {
            timer = ctx.executor().schedule(() -> expire(ctx), deadlineMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (decoder.midSentence()) {
            ctx.fireChannelRead(new ApiFramingError("sentence not completed within " + deadlineMillis / 1000 + " s"));
        }
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }
}
