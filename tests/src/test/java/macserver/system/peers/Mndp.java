package macserver.system.peers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MNDP discovery from the client namespace: the neighbours the MAC-Telnet tools list. Both tools
 * first send the 4-byte discovery request, then print every announcement they hear, so a
 * neighbour shows up once per announcement (duplicates are kept, in order).
 */
public final class Mndp {
    private static final Pattern CSV_FIELD = Pattern.compile("'([^']*)'");
    private static final String CSV_HEADING = "MAC-Address,Identity,Platform,Version,Hardware,Uptime,Softid,Ifname,IP";
    // "IP(padded to 15) MAC(padded to 17) identity[ (platform version hardware)][  up D days H hours][  softid][ ifname]"
    private static final Pattern TABLE_LINE = Pattern.compile("^(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s+([0-9a-fA-F:]+)\\s+(.*)$");
    private static final Pattern TABLE_DETAILS = Pattern.compile(
            "^(.*?) \\((\\S*) (\\S*) (\\S*)\\)(?:  up (\\d+ days \\d+ hours))?(?:  (\\S+))?(?: (\\S+))?$");

    /**
     * One announcement as a tool printed it. Fields the tool did not print are empty strings.
     * {@code uptime} is seconds in the CSV listing and "D days H hours" in the table; {@code ip}
     * is the announcement's UDP source address.
     */
    public record Neighbour(String mac, String identity, String platform, String version, String hardware,
                            String uptime, String softwareId, String interfaceName, String ip) {
    }

    /** The neighbours and the tool's run (its output and status). */
    public record Listing(List<Neighbour> neighbours, ProcessRun run) {
        public boolean lists(String mac) {
            return neighbours.stream().anyMatch(n -> sameMac(n.mac(), mac));
        }
    }

    private Mndp() {
    }

    /**
     * {@code mactelnet -l -B -t <seconds>}: the CSV listing, which both versions print and which
     * ends by itself after {@code seconds}. The robust choice.
     */
    public static Listing listBatch(Netns netns, ClientVersion version, int seconds) {
        version.require();
        List<String> command = version.command("mactelnet", List.of("-l", "-B", "-t", Integer.toString(seconds)));
        ProcessRun run = ProcessRun.run(Duration.ofSeconds(seconds + 10L), netns.inClient(command));
        return new Listing(parseBatch(run.output()), run);
    }

    /**
     * {@code mndp}, stopped after {@code listen}: the human table. mndp runs until interrupted and
     * 0.4.4 block-buffers its output into a pipe, so it runs under {@code stdbuf -oL} or nothing it
     * printed would survive the stop.
     */
    public static Listing listTable(Netns netns, ClientVersion version, Duration listen) {
        version.require();
        List<String> command = new ArrayList<>(List.of("stdbuf", "-oL"));
        command.addAll(version.command("mndp", List.of()));
        ProcessRun run = ProcessRun.run(listen, netns.inClient(command));
        return new Listing(parseTable(run.output()), run);
    }

    /** Reads the rows of {@code mactelnet -l -B} (every value single-quoted). */
    public static List<Neighbour> parseBatch(String output) {
        List<Neighbour> neighbours = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.equals(CSV_HEADING) || !line.startsWith("'")) {
                continue;
            }
            List<String> values = CSV_FIELD.matcher(line).results().map(r -> r.group(1)).toList();
            if (values.size() == 9) {
                neighbours.add(new Neighbour(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4),
                        values.get(5), values.get(6), values.get(7), values.get(8)));
            }
        }
        return List.copyOf(neighbours);
    }

    /**
     * Reads the table of {@code mndp} / {@code mactelnet -l}. The table is ambiguous (parts are
     * only space-separated), so uptime, software ID and interface are read only after a
     * "(platform version hardware)" part; without one the rest of the line is the identity.
     */
    public static List<Neighbour> parseTable(String output) {
        List<Neighbour> neighbours = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher m = TABLE_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Matcher d = TABLE_DETAILS.matcher(m.group(3));
            if (d.matches()) {
                neighbours.add(new Neighbour(m.group(2), d.group(1), d.group(2), d.group(3), d.group(4),
                        orEmpty(d.group(5)), orEmpty(d.group(6)), orEmpty(d.group(7)), m.group(1)));
            } else {
                neighbours.add(new Neighbour(m.group(2), m.group(3), "", "", "", "", "", "", m.group(1)));
            }
        }
        return List.copyOf(neighbours);
    }

    /** Compares MACs as numbers: 0.4.4 prints them without zero-padding ("1a:b:..."). */
    public static boolean sameMac(String a, String b) {
        String[] x = a.split(":");
        String[] y = b.split(":");
        if (x.length != 6 || y.length != 6) {
            return false;
        }
        try {
            for (int i = 0; i < 6; i++) {
                if (Integer.parseInt(x[i], 16) != Integer.parseInt(y[i], 16)) {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
