package macserver.service;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import macserver.config.AddressListType;

/**
 * The first handler of a service's connections: closes at once a connection from outside the
 * service's {@code address} list, or one beyond its {@code max-sessions}.
 */
@ChannelHandler.Sharable
public final class ConnectionGate extends ChannelInboundHandlerAdapter {
    /** The settings read fresh for each new connection, so {@code /ip service set} applies at once. */
    public record Limits(List<String> allowed, int maxSessions) {}

    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("macserver.service.counted");

    private final Supplier<Limits> limits;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionGate(Supplier<Limits> limits) {
        this.limits = limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Limits l = limits.get();
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        if (remote == null || !AddressListType.allows(l.allowed(), remote.getAddress())) {
            ctx.close();
            return;
        }
        if (open.incrementAndGet() > l.maxSessions()) {
            open.decrementAndGet();
            ctx.close();
            return;
        }
        ctx.channel().attr(COUNTED).set(true);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (Boolean.TRUE.equals(ctx.channel().attr(COUNTED).getAndSet(false))) {
            open.decrementAndGet();
        }
        super.channelInactive(ctx);
    }

    int open() {
        return open.get();
    }
}
