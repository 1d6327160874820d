package macserver.radius;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * RADIUS MAC authentication with a decision cache and one outstanding request per MAC and server:
 * however often a MAC knocks, the RADIUS servers see one Access-Request per cache lifetime.
 * {@link #request} never blocks; the RADIUS exchange runs on {@code executor} and the outcome
 * goes to the {@link Listener} (which, in the firmware, makes the dynamic binding).
 */
public final class MacAuthenticator {
    /** What RADIUS said about a MAC. UNAVAILABLE: no server gave a verified answer. */
    public enum Outcome { ACCEPT, REJECT, UNAVAILABLE }

    /** Called once per RADIUS exchange (never for cache hits), on an executor thread. */
    public interface Listener {
        /** @param response the verified answer, or null when UNAVAILABLE */
        void decided(long mac, int server, Outcome outcome, RadiusResponse response);
    }

    /**
     * One MAC server's settings.
     *
     * @param acceptCacheNanos how long an accept is remembered (0: not at all)
     * @param rejectCacheNanos how long a reject, or an unavailable outcome, is remembered
     */
    public record Settings(MacFormat format, String nasIdentifier, long acceptCacheNanos, long rejectCacheNanos) {
    }

    private record Key(long mac, int server) {
    }

    /** A decision and when it stops counting; {@code until == PENDING} while the request is out. */
    private record Entry(Outcome outcome, long until) {
    }

    private static final long PENDING = Long.MIN_VALUE;
    private static final Entry IN_FLIGHT = new Entry(null, PENDING);

    private final Supplier<AccessRequester> client;
    private final Executor executor;
    private final LongSupplier nanoClock;
    private final Listener listener;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    /** @param client the current client (the server list can change between requests) */
    public MacAuthenticator(Supplier<AccessRequester> client, Executor executor, LongSupplier nanoClock, Listener listener) {
        this.client = client;
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.listener = listener;
    }

    /**
     * Asks RADIUS about {@code mac} for {@code server} unless a request is already out or a cached
     * decision still holds. Returns the cached outcome, or empty when a request is (now) pending.
     */
    public Optional<Outcome> request(long mac, int server, Settings settings) {
        Key key = new Key(mac, server);
        long now = nanoClock.getAsLong();
        Entry[] decided = new Entry[1];
        boolean[] start = new boolean[1];
        entries.compute(key, (k, e) -> {
            if (e != null && (e.until == PENDING || now - e.until < 0)) {
                decided[0] = e;
                return e;
            }
            start[0] = true;
            return IN_FLIGHT;
        });
        if (start[0]) {
            executor.execute(() -> ask(key, settings));
            return Optional.empty();
        }
        return Optional.ofNullable(decided[0].outcome);
    }

    /** Forgets every cached decision (after a change of servers or secrets); pending requests stay. */
    public void clear() {
        entries.values().removeIf(e -> e.until != PENDING);
    }

    /** Cached decisions and pending requests. */
    public int size() {
        return entries.size();
    }

    private void ask(Key key, Settings settings) {
        Outcome outcome = Outcome.UNAVAILABLE;
        try {
            RadiusResponse response = null;
            Optional<RadiusResponse> answer = client.get().authenticate(accessRequest(key.mac, settings));
            if (answer.isPresent()) {
                response = answer.get();
                outcome = response.accepted() ? Outcome.ACCEPT : Outcome.REJECT;
            }
            // The listener hears first, while the entry still says pending: a knock in between
            // must not act on the cached decision before the listener has (its binding would win).
            listener.decided(key.mac, key.server, outcome, response);
        } finally {
            long lifetime = outcome == Outcome.ACCEPT ? settings.acceptCacheNanos : settings.rejectCacheNanos;
            if (lifetime > 0) {
                entries.put(key, new Entry(outcome, nanoClock.getAsLong() + lifetime));
            } else {
                entries.remove(key);
            }
        }
    }

    /** User-Name and User-Password both the formatted MAC; Calling-Station-Id as RFC 3580 writes it. */
    public static AccessRequest accessRequest(long mac, Settings settings) {
        String name = settings.format.format(mac);
        return new AccessRequest(List.of(
                RadiusAttribute.text(RadiusAttribute.USER_NAME, name),
                RadiusAttribute.text(RadiusAttribute.CALLING_STATION_ID, MacFormat.DASHES.format(mac)),
                RadiusAttribute.text(RadiusAttribute.NAS_IDENTIFIER, settings.nasIdentifier),
                RadiusAttribute.integer(RadiusAttribute.NAS_PORT_TYPE, RadiusAttribute.PORT_TYPE_ETHERNET)),
                name.getBytes(StandardCharsets.US_ASCII));
    }
}
