package macserver.policy;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed logins per client MAC and the lockouts they lead to: after {@code login-retry} failures
 * (the binding's {@code retry} when set) a MAC is refused for {@code lockout-time}. The table is
 * bounded, so a flood of MACs cannot grow it without limit; the oldest entries go first.
 */
public final class LoginGuard {
    private record Failures(int count, long lockedUntil) {}

    private final LongSupplier clock;
    private final int capacity;
    private final LinkedHashMap<Long, Failures> byMac = new LinkedHashMap<>(16, 0.75f, true);

    public LoginGuard(LongSupplier epochSeconds, int capacity) {
        this.clock = epochSeconds;
        this.capacity = capacity;
    }

    /** True while {@code mac} is locked out. */
    public synchronized boolean isLockedOut(long mac) {
        Failures f = byMac.get(mac);
        return f != null && f.lockedUntil > clock.getAsLong();
    }

    /** Seconds of lockout left for {@code mac}, 0 when none. */
    public synchronized long lockoutLeft(long mac) {
        Failures f = byMac.get(mac);
        return f == null ? 0 : Math.max(0, f.lockedUntil - clock.getAsLong());
    }

    /**
     * Counts a failed login; returns true when this failure locks the MAC out. {@code retry} 0
     * never locks out.
     */
    public synchronized boolean failed(long mac, int retry, long lockoutSeconds) {
        long now = clock.getAsLong();
        Failures f = byMac.get(mac);
        int count = (f == null || (f.lockedUntil != 0 && f.lockedUntil <= now)) ? 1 : f.count + 1;
        boolean lock = retry > 0 && count >= retry;
        byMac.put(mac, new Failures(lock ? 0 : count, lock ? now + lockoutSeconds : 0));
        trim();
        return lock;
    }

    public synchronized void succeeded(long mac) {
        byMac.remove(mac);
    }

    public synchronized int size() {
        return byMac.size();
    }

    private void trim() {
        Iterator<Map.Entry<Long, Failures>> it = byMac.entrySet().iterator();
        while (byMac.size() > capacity && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
