package macserver.policy;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import macserver.mactelnet.DropReason;

/** Live counters of one MAC server instance, shown by {@code /ip mac-server print} and {@code /tool mac-server drops}. */
public final class ServerCounters {
    private static final DropReason[] REASONS = DropReason.values();

    final LongAdder packets = new LongAdder();
    private final LongAdder[] drops = new LongAdder[REASONS.length];

    ServerCounters() {
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
    }

    void drop(DropReason reason) {
        drops[reason.ordinal()].increment();
    }

    public long packets() {
        return packets.sum();
    }

    /** Every drop, whatever the reason. */
    public long drops() {
        long n = 0;
        for (LongAdder d : drops) {
            n += d.sum();
        }
        return n;
    }

    public long drops(DropReason reason) {
        return drops[reason.ordinal()].sum();
    }

    /** Adds {server, reason, count, id} for each reason counted at least once; ids number the rows. */
    void rows(String server, List<Object[]> out) {
        for (DropReason r : REASONS) {
            long n = drops(r);
            if (n > 0) {
                out.add(new Object[] {server, r.word(), n, out.size()});
            }
        }
    }
}
