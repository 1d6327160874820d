package macserver.datapath;

import java.io.IOException;
import macserver.libc.Errno;

/**
 * A raw-socket operation failed. Carries the errno name (EPERM, ENODEV, ...) when the kernel gave
 * one, so the caller can tell "no privilege" (log one line, keep running without MAC services)
 * from a broken interface.
 */
public final class DataPathException extends IOException {
    /** What a missing CAP_NET_RAW means for the firmware, in one line for the log. */
    public static final String NO_PRIVILEGE =
            "raw sockets need root or CAP_NET_RAW; MAC-Telnet, MAC-Ping and MNDP are off";

    private final String errno;

    public DataPathException(String message) {
        super(message);
        this.errno = null;
    }

    private DataPathException(String message, String errno) {
        super(message);
        this.errno = errno;
    }

    /** The failure of a system call: "{@code what} failed: ENAME", with the privilege hint for EPERM. */
    static DataPathException ofErrno(String what, int errno) {
        String name = Errno.name(errno);
        String message = what + " failed: " + name;
        if (errno == Errno.EPERM) {
            message = NO_PRIVILEGE + " (" + message + ")";
        }
        return new DataPathException(message, name);
    }

    /** The errno name (e.g. "EPERM"), or null when the failure did not come from a system call. */
    public String errno() {
        return errno;
    }

    /** True when the process lacks the privilege for raw sockets (EPERM from the kernel). */
    public boolean isPermissionDenied() {
        return "EPERM".equals(errno);
    }
}
