package macserver.mactelnet;

/** A token bucket on a millisecond clock, in thousandths of a token so the arithmetic stays in longs. */
final class TokenBucket {

    private final long capacity;
    private final long refillPerMilli;
    private long level;
    private long updatedAt;

    TokenBucket(RateLimit limit, long now) {
        this.capacity = limit.burst() * 1000L;
        this.refillPerMilli = limit.perSecond();
        this.level = capacity;
        this.updatedAt = now;
    }

    /** Takes one token if there is one. A clock that steps back refills nothing. */
    boolean tryTake(long now) {
        long elapsed = now - updatedAt;
        if (elapsed > 0) {
            level = Math.min(capacity, level + Math.min(elapsed, capacity) * refillPerMilli);
            updatedAt = now;
        }
        if (level < 1000) {
            return false;
        }
        level -= 1000;
        return true;
    }
}
