package macserver.service;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import macserver.config.AddressListType;

/**
 * The first handler of a service's connections. A connection from outside the service's
 * {@code address} list is closed at once. The others are <em>waiting</em> until a request on them
 * logs in ({@link #admit}); only then do they count as one of the {@code max-sessions}, so
 * connections that never finish TLS or never log in cannot crowd out the administrators. Waiting
 * connections are bounded instead: at most {@link #WAITING_PER_SOURCE} per source address and
 * {@link #WAITING_TOTAL} in all, the oldest closed to make room for a new one (a client that is
 * really logging in is done long before it is the oldest), and each is closed when it has not
 * logged in within the login deadline.
 */
@ChannelHandler.Sharable
public final class ConnectionGate extends ChannelInboundHandlerAdapter {
    /** The settings read fresh for each new connection, so {@code /ip service set} applies at once. */
    public record Limits(List<String> allowed, int maxSessions) {}

    static final int WAITING_PER_SOURCE = 8;
    static final int WAITING_TOTAL = 64;

    private enum State { WAITING, SESSION }

    private static final AttributeKey<State> STATE = AttributeKey.valueOf("macserver.service.state");

    private final Supplier<Limits> limits;
    private final long loginMillis;
    /** Waiting connections, oldest first, in all and by source. Guarded by this. */
    private final Deque<Channel> waiting = new ArrayDeque<>();
    private final Map<InetAddress, Deque<Channel>> waitingBySource = new HashMap<>();
    private int sessions;

    public ConnectionGate(Supplier<Limits> limits, long loginMillis) {
        this.limits = limits;
        this.loginMillis = loginMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Limits l = limits.get();
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        if (remote == null || !AddressListType.allows(l.allowed(), remote.getAddress())) {
            ctx.close();
            return;
        }
        Channel ch = ctx.channel();
        List<Channel> evicted = new ArrayList<>();
        synchronized (this) {
            ch.attr(STATE).set(State.WAITING);
            waiting.addLast(ch);
            Deque<Channel> mine = waitingBySource.computeIfAbsent(remote.getAddress(), a -> new ArrayDeque<>());
            mine.addLast(ch);
            if (mine.size() > WAITING_PER_SOURCE) {
                evicted.add(forget(mine.peekFirst()));
            }
            if (waiting.size() > WAITING_TOTAL) {
                evicted.add(forget(waiting.peekFirst()));
            }
        }
        evicted.forEach(Channel::close);
        ctx.executor().schedule(() -> {
            if (ch.attr(STATE).get() == State.WAITING) {
                ch.close();
            }
        }, loginMillis, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    /**
     * A request on {@code ch} has logged in: the connection becomes a session if there is room
     * under {@code max-sessions}. False means there is none and the connection should be closed.
     */
    public boolean admit(Channel ch) {
        int max = limits.get().maxSessions();
        synchronized (this) {
            State s = ch.attr(STATE).get();
            if (s == State.SESSION) {
                return true;
            }
            if (s != State.WAITING) {
                return false;
            }
            forget(ch);
            if (sessions >= max) {
                return false;
            }
            sessions++;
            ch.attr(STATE).set(State.SESSION);
            return true;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        synchronized (this) {
            State s = ctx.channel().attr(STATE).getAndSet(null);
            if (s == State.SESSION) {
                sessions--;
            } else if (s == State.WAITING) {
                forget(ctx.channel());
            }
        }
        super.channelInactive(ctx);
    }

    /** Takes a waiting connection off the lists (it is closed by the caller, or admitted). */
    private Channel forget(Channel ch) {
        waiting.remove(ch);
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        Deque<Channel> mine = remote == null ? null : waitingBySource.get(remote.getAddress());
        if (mine != null) {
            mine.remove(ch);
            if (mine.isEmpty()) {
                waitingBySource.remove(remote.getAddress());
            }
        }
        if (ch.attr(STATE).get() == State.WAITING) {
            ch.attr(STATE).set(null);
        }
        return ch;
    }

    synchronized int sessions() {
        return sessions;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
