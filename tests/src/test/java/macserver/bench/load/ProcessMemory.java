package macserver.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of a server process as the kernel and the JVM count it: resident set of the process
 * and of all its descendants (mactelnetd's per-session shells are part of what a session costs
 * it), and for a JVM the heap in use after a full collection (through {@code jcmd}).
 */
final class ProcessMemory {
    private static final Pattern KIB = Pattern.compile("^(\\w+):\\s+(\\d+) kB", Pattern.MULTILINE);
    private static final Pattern HEAP_USED = Pattern.compile("(?:total|committed) \\d+K, used (\\d+)K");

    private ProcessMemory() {
    }

    /** One value (VmRSS, Pss, ...) in bytes from /proc/pid/status or smaps_rollup; 0 if the process is gone. */
    static long kib(long pid, String file, String field) {
        try {
            Matcher m = KIB.matcher(Files.readString(Path.of("/proc", Long.toString(pid), file)));
            while (m.find()) {
                if (m.group(1).equals(field)) {
                    return Long.parseLong(m.group(2)) * 1024;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** The process and every descendant. */
    static List<Long> tree(long pid) {
        List<Long> out = new ArrayList<>();
        out.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> out.add(d.pid())));
        return out;
    }

    /** Resident bytes of the process alone. */
    static long rss(long pid) {
        return kib(pid, "status", "VmRSS");
    }

    /** Resident bytes summed over the process tree (shared pages counted once per process). */
    static long treeRss(long pid) {
        return tree(pid).stream().mapToLong(ProcessMemory::rss).sum();
    }

    /** Proportional set size summed over the process tree (shared pages split between their users). */
    static long treePss(long pid) {
        return tree(pid).stream().mapToLong(p -> kib(p, "smaps_rollup", "Pss")).sum();
    }

    /** Heap in use after a full GC of JVM {@code pid}, through {@code jcmd} of the running JDK; -1 if it fails. */
    static long heapAfterGc(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        // Serial and Parallel GC list a young and an old generation; G1 one heap line (Metaspace has no total).
        Matcher m = HEAP_USED.matcher(info);
        long used = -1;
        while (m.find()) {
            used = Math.max(used, 0) + Long.parseLong(m.group(1)) * 1024;
        }
        return used;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }
}
