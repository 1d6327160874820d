package macserver.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses of another JVM on this machine, from its GC log written with
 * {@link #option}: each line carries HotSpot's {@code timenanos}, the machine's monotonic clock
 * that {@link System#nanoTime()} reads here too, taken as the pause ends. A benchmark can then
 * tell how much of a latency it measured was the server's collector and how much was the rest.
 */
final class GcPauses {
    private static final Pattern PAUSE = Pattern.compile("^\\[(\\d+)ns\\].* Pause .* ([0-9.]+)ms\\s*$");

    /** Pause intervals, [start, end] in nanoseconds, in log order. */
    private final List<long[]> pauses;

    private GcPauses(List<long[]> pauses) {
        this.pauses = pauses;
    }

    /** The JVM option that makes {@code file} such a log. */
    static String option(Path file) {
        return "-Xlog:gc:file=" + file + ":timenanos";
    }

    static GcPauses read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    static GcPauses parse(List<String> lines) {
        List<long[]> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                long end = Long.parseLong(m.group(1));
                long length = Math.round(Double.parseDouble(m.group(2)) * 1e6);
                pauses.add(new long[] {end - length, end});
            }
        }
        return new GcPauses(pauses);
    }

    /** Nanoseconds of pause inside [from, to]. */
    long overlap(long from, long to) {
        long sum = 0;
        for (long[] p : pauses) {
            sum += Math.max(0, Math.min(to, p[1]) - Math.max(from, p[0]));
        }
        return sum;
    }

    /** The longest pause that overlaps [from, to], in milliseconds; 0 when none does. */
    double longestMillis(long from, long to) {
        long max = 0;
        for (long[] p : pauses) {
            if (p[1] > from && p[0] < to) {
                max = Math.max(max, p[1] - p[0]);
            }
        }
        return max / 1e6;
    }
}
