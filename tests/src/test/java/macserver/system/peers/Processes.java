package macserver.system.peers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a started process together with everything it started (expect, the client, a shell). */
final class Processes {
    private Processes() {
    }

    /** SIGTERM to the process and its descendants, SIGKILL to whatever is left after {@code grace}. */
    static void stop(Process process, Duration grace) {
        List<ProcessHandle> family = familyOf(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : family) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        kill(process, grace);
    }

    /** SIGKILL to the process and its descendants, then waits at most {@code limit} for the process. */
    static void kill(Process process, Duration limit) {
        familyOf(process.toHandle()).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Descendants first, so a child does not get re-parented away from us before it is signalled. */
    private static List<ProcessHandle> familyOf(ProcessHandle root) {
        List<ProcessHandle> descendants = new java.util.ArrayList<>(root.descendants().toList());
        java.util.Collections.reverse(descendants);
        descendants.add(root);
        return descendants;
    }
}
