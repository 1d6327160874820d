package macserver.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import macserver.config.Plane;
import macserver.service.ConnectionGate;
import macserver.users.LoginService;

/**
 * One API connection after the codec: login, then commands in the order they came. A command's
 * work (a login's password check, a write that waits for flash) runs on the shared worker pool,
 * one command of this connection at a time, so untagged replies keep their order and tagged
 * ones carry their {@code .tag} on every sentence. Sentences that arrive meanwhile queue here;
 * past {@link #PAUSE_AT} queued the channel stops reading, and while the client does not read
 * its answers (the channel is not writable) no further command starts, so a flood waits in the
 * client's socket, not in this heap. Before login only {@code /login} and {@code /quit} work: a few other
 * sentences or failed logins are answered with {@code !trap}, then {@code !fatal}, and a
 * connection not logged in within the login deadline is closed. All state is touched on the
 * channel's event loop only.
 */
final class ApiSession extends ChannelInboundHandlerAdapter {
    static final String BAD_LOGIN = "invalid user name or password (6)";
    static final int PAUSE_AT = 16;
    private static final int RESUME_AT = 4;
    /** Failed logins and commands before login that a connection may make before it is closed. */
    static final int STRIKES = 3;
    private static final int BATCH_BYTES = 64 * 1024;

    private final ApiCommands commands;
    private final LoginService logins;
    private final Predicate<String> stillAllowed;
    private final Executor workers;
    private final long loginDeadlineMillis;
    /** Sentences waiting their turn: {@link ApiSentence}s and {@link ApiRefusedSentence}s. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private String user;
    private int strikes;
    private boolean busy;
    private boolean closing;
    private ScheduledFuture<?> loginTimer;

    /** @param stillAllowed whether a logged-in user may still use the API (asked before each command) */
    ApiSession(ApiCommands commands, LoginService logins, Predicate<String> stillAllowed, Executor workers,
               long loginDeadlineMillis) {
        this.commands = commands;
        this.logins = logins;
        this.stillAllowed = stillAllowed;
        this.workers = workers;
        this.loginDeadlineMillis = loginDeadlineMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        loginTimer = ctx.executor().schedule(() -> {
            if (user == null) {
                fatal(ctx, "not logged in within " + loginDeadlineMillis / 1000 + " s");
            }
        }, loginDeadlineMillis, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return;
        }
        if (msg instanceof ApiFramingError e) {
            fatal(ctx, e.reason());
        } else if (msg instanceof ApiSentence || msg instanceof ApiRefusedSentence) {
            queue.add(msg);
            if (queue.size() >= PAUSE_AT) {
                ctx.channel().config().setAutoRead(false);
            }
            next(ctx);
        }
    }

    private void next(ChannelHandlerContext ctx) {
        // A client that does not read its answers stops being served (and, once its queue is
        // full, read): the answers wait in its socket, not in this heap.
        while (!busy && !closing && !queue.isEmpty() && ctx.channel().isWritable()) {
            Object next = queue.poll();
            if (queue.size() <= RESUME_AT && !ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            if (next instanceof ApiRefusedSentence r) {
                reply(ctx, tag(r.sentence()), ApiCommands.trap(r.reason()));
            } else {
                ApiSentence s = (ApiSentence) next;
                start(ctx, s, tag(s));
            }
        }
    }

    private void start(ChannelHandlerContext ctx, ApiSentence s, String tag) {
        switch (s.first()) {
            case "/quit" -> fatal(ctx, "session terminated on request");
            case "/login" -> login(ctx, s, tag);
            case "/cancel" -> reply(ctx, tag, List.of(ApiSentence.done()));
            default -> {
                if (user == null) {
                    strike(ctx, tag, "not logged in");
                } else {
                    String who = user;
                    work(ctx, tag, () -> stillAllowed.test(who) ? commands.run(who, s) : null, replies -> {
                        if (replies == null) {
                            fatal(ctx, "user " + who + " may no longer use the API");
                        } else {
                            reply(ctx, tag, replies);
                        }
                    });
                }
            }
        }
    }

    /** {@code /login =name= =password=}, the plain login of RouterOS 6.43 and later. */
    private void login(ChannelHandlerContext ctx, ApiSentence s, String tag) {
        String name = attribute(s, "name");
        String password = attribute(s, "password");
        work(ctx, tag, () -> name != null && password != null
                && logins.login(name, password.toCharArray(), Plane.API) == LoginService.Outcome.SUCCESS, ok -> {
                    if (!ok) {
                        strike(ctx, tag, BAD_LOGIN);
                        return;
                    }
                    // Only a logged-in connection takes one of the service's max-sessions.
                    ConnectionGate gate = ctx.pipeline().get(ConnectionGate.class);
                    if (gate != null && !gate.admit(ctx.channel())) {
                        fatal(ctx, "too many sessions");
                        return;
                    }
                    user = name;
                    strikes = 0;
                    loginTimer.cancel(false);
                    reply(ctx, tag, List.of(ApiSentence.done()));
                });
    }

    /**
     * Runs {@code job} on a worker (a password check is slow on purpose, a write waits for flash)
     * and hands its result to {@code then} back on the event loop.
     */
    private <T> void work(ChannelHandlerContext ctx, String tag, Supplier<T> job, Consumer<T> then) {
        busy = true;
        try {
            workers.execute(() -> {
                T result;
                try {
                    result = job.get();
                } catch (RuntimeException e) {
                    ctx.executor().execute(() -> done(ctx, () -> reply(ctx, tag, ApiCommands.trap("internal error"))));
                    return;
                }
                ctx.executor().execute(() -> done(ctx, () -> then.accept(result)));
            });
        } catch (RejectedExecutionException e) {
            busy = false;
            reply(ctx, tag, ApiCommands.trap("too many requests, try again"));
        }
    }

    private void done(ChannelHandlerContext ctx, Runnable answer) {
        busy = false;
        if (!closing) {
            answer.run();
            next(ctx);
        }
    }

    /** Writes the replies in buffers of about {@link #BATCH_BYTES}, so a print of many items costs few writes. */
    private void reply(ChannelHandlerContext ctx, String tag, List<ApiSentence> replies) {
        ByteBuf batch = ctx.alloc().ioBuffer(Math.min(BATCH_BYTES, 64 * replies.size()));
        for (ApiSentence r : replies) {
            ApiSentenceEncoder.writeTo(batch, r, tag);
            if (batch.readableBytes() >= BATCH_BYTES) {
                ctx.write(batch);
                batch = ctx.alloc().ioBuffer(BATCH_BYTES);
            }
        }
        ctx.writeAndFlush(batch);
    }

    /** A failed login or a command before login: a trap, or after {@link #STRIKES} the end. */
    private void strike(ChannelHandlerContext ctx, String tag, String message) {
        if (++strikes >= STRIKES) {
            fatal(ctx, message);
            return;
        }
        reply(ctx, tag, ApiCommands.trap(message));
    }

    private void fatal(ChannelHandlerContext ctx, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        queue.clear();
        ctx.writeAndFlush(ApiSentence.fatal(reason)).addListener(ChannelFutureListener.CLOSE);
    }

    private static String tag(ApiSentence s) {
        for (String w : s.words()) {
            if (w.startsWith(".tag=")) {
                return w.substring(".tag=".length());
            }
        }
        return null;
    }

    /** The value of the last {@code =name=...} (as for commands' attributes), or null when there is none. */
    private static String attribute(ApiSentence s, String name) {
        String prefix = "=" + name + "=";
        String value = null;
        for (String w : s.words()) {
            if (w.startsWith(prefix)) {
                value = w.substring(prefix.length());
            }
        }
        return value;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        next(ctx);
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        queue.clear();
        if (loginTimer != null) {
            loginTimer.cancel(false);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
