package macserver.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, all its threads, user and system, from /proc/pid/stat. On a
 * shared machine frames per second say as much about the neighbours as about the program; CPU
 * time per frame says what the program itself spends.
 */
final class ProcessCpu {
    /** USER_HZ, in which /proc reports times; 100 on every Linux architecture the project runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** Seconds of CPU so far, user and system. @throws IOException when the process is gone */
    static double seconds(long pid) throws IOException {
        double[] t = userAndSystem(pid);
        return t[0] + t[1];
    }

    /** {user seconds, system seconds} so far: what the program does, and what the kernel does for it. */
    static double[] userAndSystem(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // After "pid (comm) ": state is field 3, utime 14, stime 15; comm may hold spaces.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new double[] {Long.parseLong(f[11]) / TICKS_PER_SECOND, Long.parseLong(f[12]) / TICKS_PER_SECOND};
    }
}
