package macserver.mactelnet;

/**
 * The protocol layer's own limits (policy and user settings come from the host). One object per
 * server; {@link #DEFAULTS} suits a small router.
 *
 * @param maxSessions sessions of all states together
 * @param maxHalfOpen sessions still logging in (AUTH)
 * @param maxHalfOpenPerMac sessions still logging in from one client MAC
 * @param authTimeLimitMillis how long a session may stay in AUTH (and CLOSED), keepalives or not
 * @param silenceTimeoutMillis a session with nothing from its client for this long ends
 * @param startsPerMac SESSIONSTARTs one MAC may make
 * @param boundStarts SESSIONSTARTs from all bound MACs together
 * @param unboundStarts SESSIONSTARTs from all other MACs together
 * @param rateTableSize client MACs whose start buckets are remembered
 * @param pingsPerPeriod PINGs answered per MNDP period (the reference: 300 per 60 s)
 * @param mndpPeriodMillis time between MNDP announcements
 * @param inputBufferBytes keystrokes a session holds for its terminal; more is dropped and counted
 * @param outputBufferBytes terminal output a session holds before the terminal has to wait
 * @param maxDataBytes raw terminal bytes per server DATA
 */
public record MacServerConfig(int maxSessions, int maxHalfOpen, int maxHalfOpenPerMac, long authTimeLimitMillis,
        long silenceTimeoutMillis, RateLimit startsPerMac, RateLimit boundStarts, RateLimit unboundStarts,
        int rateTableSize, int pingsPerPeriod, long mndpPeriodMillis, int inputBufferBytes, int outputBufferBytes,
        int maxDataBytes) {

    /** The largest DATA payload that keeps the UDP payload within 1472 bytes. */
    public static final int MAX_PAYLOAD = 1472 - MtHeader.LENGTH;

    public static final MacServerConfig DEFAULTS = new MacServerConfig(256, 64, 4, 30_000, 15_000,
            new RateLimit(4, 1), new RateLimit(32, 32), new RateLimit(32, 16), 1024, 300, 60_000, 8192, 16384, 1024);

    public MacServerConfig {
        positive("maxSessions", maxSessions);
        positive("maxHalfOpen", maxHalfOpen);
        positive("maxHalfOpenPerMac", maxHalfOpenPerMac);
        positive("authTimeLimitMillis", authTimeLimitMillis);
        positive("silenceTimeoutMillis", silenceTimeoutMillis);
        positive("rateTableSize", rateTableSize);
        positive("mndpPeriodMillis", mndpPeriodMillis);
        positive("inputBufferBytes", inputBufferBytes);
        positive("outputBufferBytes", outputBufferBytes);
        if (pingsPerPeriod < 0) {
            throw new IllegalArgumentException("pingsPerPeriod must not be negative");
        }
        if (maxHalfOpen > maxSessions) {
            throw new IllegalArgumentException("maxHalfOpen must not exceed maxSessions");
        }
        if (maxDataBytes < 1 || maxDataBytes > MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxDataBytes must be 1.." + MAX_PAYLOAD);
        }
        java.util.Objects.requireNonNull(startsPerMac, "startsPerMac");
        java.util.Objects.requireNonNull(boundStarts, "boundStarts");
        java.util.Objects.requireNonNull(unboundStarts, "unboundStarts");
    }

    /**
     * The defaults with the session cap scaled to the Java heap: 40 sessions per MiB, at least
     * {@link #DEFAULTS}' half-open limit and at most 16,384. An idle logged-in session holds no
     * line editor and takes about 6 KiB with its CLI (SessionScaleBenchmark), so a full table of
     * idle sessions stays under a quarter of the heap; a session holds some 55 KiB more only while
     * its user types a line.
     */
    public static MacServerConfig forHeap(int heapMib) {
        int sessions = (int) Math.max(DEFAULTS.maxHalfOpen(), Math.min(MAX_SESSIONS_CAP, SESSIONS_PER_MIB * heapMib));
        return DEFAULTS.withMaxSessions(sessions);
    }

    /** Sessions per MiB of heap in {@link #forHeap}. */
    static final long SESSIONS_PER_MIB = 40;
    /** The most sessions {@link #forHeap} allows, however big the heap. */
    static final long MAX_SESSIONS_CAP = 16_384;

    public MacServerConfig withMaxSessions(int total) {
        return new MacServerConfig(total, Math.min(maxHalfOpen, total), maxHalfOpenPerMac, authTimeLimitMillis,
                silenceTimeoutMillis, startsPerMac, boundStarts, unboundStarts, rateTableSize, pingsPerPeriod,
                mndpPeriodMillis, inputBufferBytes, outputBufferBytes, maxDataBytes);
    }

    public MacServerConfig withHalfOpen(int total, int perMac) {
        return new MacServerConfig(maxSessions, total, perMac, authTimeLimitMillis, silenceTimeoutMillis, startsPerMac,
                boundStarts, unboundStarts, rateTableSize, pingsPerPeriod, mndpPeriodMillis, inputBufferBytes,
                outputBufferBytes, maxDataBytes);
    }

    public MacServerConfig withStartLimits(RateLimit perMac, RateLimit bound, RateLimit unbound) {
        return new MacServerConfig(maxSessions, maxHalfOpen, maxHalfOpenPerMac, authTimeLimitMillis,
                silenceTimeoutMillis, perMac, bound, unbound, rateTableSize, pingsPerPeriod, mndpPeriodMillis,
                inputBufferBytes, outputBufferBytes, maxDataBytes);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
