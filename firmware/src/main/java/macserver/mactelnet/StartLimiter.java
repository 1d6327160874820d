package macserver.mactelnet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rate limits on SESSIONSTART: a bucket per client MAC (a bounded table, least recently used
 * forgotten first) and two global buckets, one for MACs with a binding and one for the rest, so
 * a flood from random MACs cannot use up the starts of bound clients.
 */
final class StartLimiter {

    private final MacServerConfig config;
    private final TokenBucket bound;
    private final TokenBucket unbound;
    private final Map<Long, TokenBucket> perMac;

    StartLimiter(MacServerConfig config, long now) {
        this.config = config;
        this.bound = new TokenBucket(config.boundStarts(), now);
        this.unbound = new TokenBucket(config.unboundStarts(), now);
        int cap = config.rateTableSize();
        this.perMac = new LinkedHashMap<>(cap * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, TokenBucket> eldest) {
                return size() > cap;
            }
        };
    }

    /** Whether a start from this MAC may go ahead now; takes a token from each bucket it passes. */
    boolean tryStart(long clientMac, boolean isBound, long now) {
        // Per MAC first: one noisy MAC then spends only its own tokens, not everyone's.
        TokenBucket own = perMac.computeIfAbsent(clientMac, m -> new TokenBucket(config.startsPerMac(), now));
        return own.tryTake(now) && (isBound ? bound : unbound).tryTake(now);
    }

    int trackedMacs() {
        return perMac.size();
    }
}
