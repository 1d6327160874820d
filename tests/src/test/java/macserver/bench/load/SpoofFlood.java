package macserver.bench.load;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import macserver.mactelnet.MtPacketType;

/**
 * SESSIONSTARTs from random MACs (unicast, locally administered) with random keys and ports, at a
 * fixed rate: what a spoofing attacker on the segment sends to fill a server's session table.
 * Paced in 1 ms batches, so the rate holds even though single sends are not timed.
 */
final class SpoofFlood {
    private final LoadWire wire;
    private final int perSecond;
    private final SplittableRandom random = new SplittableRandom(20561);
    private long sent;
    private double seconds;

    SpoofFlood(LoadWire wire, int perSecond) {
        this.wire = wire;
        this.perSecond = perSecond;
    }

    /** Floods for {@code nanos}; one thread. */
    void run(long nanos) {
        long start = System.nanoTime();
        long end = start + nanos;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = (now - start) * perSecond / TimeUnit.SECONDS.toNanos(1);
            while (sent < due) {
                long mac = (random.nextLong() & 0xFEFF_FFFF_FFFFL) | 0x0200_0000_0000L;
                wire.send(mac, 1024 + random.nextInt(1024), MtPacketType.SESSIONSTART, random.nextInt(65535), 0, new byte[0]);
                sent++;
            }
            LockSupport.parkNanos(1_000_000);
        }
        seconds = (System.nanoTime() - start) / 1e9;
    }

    long sent() {
        return sent;
    }

    double seconds() {
        return seconds;
    }
}
