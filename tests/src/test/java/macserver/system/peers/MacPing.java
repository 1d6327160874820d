package macserver.system.peers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code macping <mac> -c N} in the client namespace, and what it printed. macping sends raw
 * frames unicast to the MAC (root only) and waits 1 s per ping, so N pings take about N seconds
 * ({@code fast} sends them back to back, 1 to 100 only).
 *
 * <p>Seen with fast mode against mactelnetd: the first ping "times out" and later replies are
 * taken for the wrong ping ("Reply of N bytes of unequal data", counted as received), because
 * macping only compares a reply with the ping it sent last. Count on fast mode for load, not for
 * exact per-ping answers.
 */
public final class MacPing {
    private static final Pattern REPLY = Pattern.compile(
            "^([0-9a-f:]+) (\\d+) byte, ping time ([0-9.]+) ms( DUP)?$", Pattern.MULTILINE);
    private static final Pattern UNEQUAL = Pattern.compile("^(?:\\S+ )?Reply of (\\d+) bytes of unequal data", Pattern.MULTILINE);
    private static final Pattern SUMMARY = Pattern.compile(
            "^(\\d+) packets transmitted, (\\d+) packets received, (\\d+)% packet loss$", Pattern.MULTILINE);

    /** One answered ping: the MAC as macping prints it (0.4.4 does not zero-pad), the size and the round trip. */
    public record Reply(String mac, int bytes, double milliseconds, boolean duplicate) {
    }

    /**
     * @param replies     the reply lines, in order
     * @param unequal     replies whose data differed from the last ping sent (macping counts them as received)
     * @param transmitted from the summary line (-1 if there was none)
     * @param received    from the summary line (-1 if there was none)
     * @param lossPercent from the summary line (-1 if there was none)
     * @param run         the command, its exit status (1 when no reply came) and its output
     */
    public record Result(List<Reply> replies, int unequal, int transmitted, int received, int lossPercent, ProcessRun run) {
        public boolean hasSummary() {
            return transmitted >= 0;
        }
    }

    private MacPing() {
    }

    /** Pings {@code mac} {@code count} times (1 s apart); gives up after count + 10 s. */
    public static Result ping(Netns netns, ClientVersion version, String mac, int count) {
        return ping(netns, version, mac, count, false);
    }

    public static Result ping(Netns netns, ClientVersion version, String mac, int count, boolean fast) {
        if (count < 1 || (fast && count > 100)) {
            throw new IllegalArgumentException("count must be 1.." + (fast ? 100 : "n") + ": " + count);
        }
        version.require();
        List<String> arguments = new ArrayList<>(List.of(mac, "-c", Integer.toString(count)));
        if (fast) {
            arguments.add("-f");
        }
        ProcessRun run = ProcessRun.run(Duration.ofSeconds(count + 10L), netns.inClient(version.command("macping", arguments)));
        return parse(run);
    }

    /** Reads macping's output (both versions print alike). */
    public static Result parse(ProcessRun run) {
        String output = run.output();
        List<Reply> replies = new ArrayList<>();
        Matcher m = REPLY.matcher(output);
        while (m.find()) {
            replies.add(new Reply(m.group(1), Integer.parseInt(m.group(2)), Double.parseDouble(m.group(3)), m.group(4) != null));
        }
        int unequal = (int) UNEQUAL.matcher(output).results().count();
        Matcher summary = SUMMARY.matcher(output);
        if (summary.find()) {
            return new Result(List.copyOf(replies), unequal, Integer.parseInt(summary.group(1)),
                    Integer.parseInt(summary.group(2)), Integer.parseInt(summary.group(3)), run);
        }
        return new Result(List.copyOf(replies), unequal, -1, -1, -1, run);
    }
}
