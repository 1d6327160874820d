package macserver.policy;

import java.util.concurrent.atomic.LongAdder;

/** Live counters of one MAC server instance, shown by {@code /ip mac-server print}. */
public final class ServerCounters {
    final LongAdder packets = new LongAdder();
    final LongAdder drops = new LongAdder();

    public long packets() {
        return packets.sum();
    }

    public long drops() {
        return drops.sum();
    }
}
