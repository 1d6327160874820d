package macserver.radius;

import java.util.concurrent.atomic.AtomicLong;

/** Counters per server, named as in RouterOS's {@code /radius monitor}. */
public final class RadiusStatistics {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong accepts = new AtomicLong();
    final AtomicLong rejects = new AtomicLong();
    final AtomicLong resends = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong badReplies = new AtomicLong();
    final AtomicLong lastRttMicros = new AtomicLong();
    final AtomicLong pending = new AtomicLong();

    /** Requests sent to this server and not yet answered or given up. */
    public long pending() {
        return pending.get();
    }

    public long requests() {
        return requests.get();
    }

    public long accepts() {
        return accepts.get();
    }

    public long rejects() {
        return rejects.get();
    }

    public long resends() {
        return resends.get();
    }

    public long timeouts() {
        return timeouts.get();
    }

    public long badReplies() {
        return badReplies.get();
    }

    public long lastRequestRttMicros() {
        return lastRttMicros.get();
    }
}
