package macserver.mqtt;

import java.util.function.LongSupplier;

/**
 * A token bucket for events: a burst of {@code burst}, then {@code perSecond}. What it refuses is
 * counted, so a later event can say how many were left out.
 */
final class EventRate {
    private final LongSupplier nanos;
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;
    private long refused;

    EventRate(LongSupplier nanos, int perSecond, int burst) {
        this.nanos = nanos;
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nanos.getAsLong();
    }

    /** True when one more event may go out now. */
    synchronized boolean allow() {
        long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        refused++;
        return false;
    }

    /** Events refused since the last call. */
    synchronized long takeRefused() {
        long r = refused;
        refused = 0;
        return r;
    }
}
