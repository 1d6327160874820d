package macserver.console;

import java.time.Duration;

/** Delays between attempts to reopen a device: doubling from a minimum up to a cap, never zero. */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private Duration next;

    Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max, got " + min + " and " + max);
        }
        this.min = min;
        this.max = max;
        this.next = min;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the cap. */
    Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return now;
    }

    /** After a success the next failure waits the minimum again. */
    void reset() {
        next = min;
    }
}
