package macserver.system.datapath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces made for one test class, joined by a veth pair: {@code dp-<id>-a} with
 * interface {@code dp<id>a}, {@code dp-<id>-b} with {@code dp<id>b}. No IP addresses. Raw traffic
 * only ever goes between these two ends. {@link #close} deletes both namespaces (and so the pair).
 */
final class VethLab implements AutoCloseable {
    private static final long COMMAND_SECONDS = 30;

    final String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    final String nsA = "dp-" + id + "-a";
    final String nsB = "dp-" + id + "-b";
    final String ifA = "dp" + id + "a";
    final String ifB = "dp" + id + "b";

    private VethLab() {
    }

    /** Creates both namespaces and the link, up; on any failure removes what it made. */
    static VethLab create() throws IOException, InterruptedException {
        VethLab lab = new VethLab();
        try {
            run("ip", "netns", "add", lab.nsA);
            run("ip", "netns", "add", lab.nsB);
            run("ip", "link", "add", lab.ifA, "netns", lab.nsA, "type", "veth", "peer", "name", lab.ifB, "netns", lab.nsB);
            run("ip", "-n", lab.nsA, "link", "set", "lo", "up");
            run("ip", "-n", lab.nsB, "link", "set", "lo", "up");
            // The server's end carries no address at all, not even IPv6 link-local, as a MAC-only port may.
            run("ip", "netns", "exec", lab.nsA, "sysctl", "-q", "-w", "net.ipv6.conf." + lab.ifA + ".disable_ipv6=1");
            run("ip", "-n", lab.nsA, "link", "set", lab.ifA, "up");
            run("ip", "-n", lab.nsB, "link", "set", lab.ifB, "up");
            return lab;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    /** The MAC of {@code iface} in {@code ns}, as 12 hex digits. */
    String mac(String ns, String iface) throws IOException, InterruptedException {
        String out = run("ip", "-n", ns, "-o", "link", "show", "dev", iface);
        int at = out.indexOf("link/ether ");
        if (at < 0) {
            throw new AssertionError("no MAC in: " + out);
        }
        return out.substring(at + 11, at + 28).replace(":", "");
    }

    @Override
    public void close() {
        for (String ns : List.of(nsA, nsB)) {
            try {
                if (run("ip", "netns", "list").lines().anyMatch(line -> line.split(" ")[0].equals(ns))) {
                    run("ip", "netns", "del", ns);
                }
            } catch (IOException | InterruptedException | AssertionError e) {
                System.err.println("could not delete namespace " + ns + ": " + e);
            }
        }
    }

    /** Runs a command to completion; fails with its output when it fails. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + Arrays.toString(command));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(Arrays.toString(command) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    static List<String> command(String... parts) {
        return new ArrayList<>(Arrays.asList(parts));
    }
}
