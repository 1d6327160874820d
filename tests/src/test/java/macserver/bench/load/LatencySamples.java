package macserver.bench.load;

import java.util.Arrays;

/**
 * Every latency sample of one measurement, in nanoseconds, and exact percentiles over them
 * (nearest rank). A benchmark run takes at most some hundred thousand samples, so keeping them
 * all costs less than a bucketed histogram's error. Thread-safe.
 */
final class LatencySamples {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a latency cannot be negative: " + nanos);
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /**
     * The smallest sample that at least {@code percent} % of the samples are less than or equal
     * to (nearest rank); NaN when there are none.
     */
    synchronized double percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percent);
        }
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return sorted[Math.max(1, rank) - 1];
    }

    /** Percentile in milliseconds. */
    double millis(double percent) {
        return percentile(percent) / 1e6;
    }
}
