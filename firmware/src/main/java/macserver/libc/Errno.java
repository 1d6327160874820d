package macserver.libc;

/**
 * Linux errno values as their names, so a failure reads "EPERM" and not "1". The constants here are
 * the same on every architecture (1-34); the others differ on MIPS ({@link LinuxAbi}).
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EINVAL = 22;

    private Errno() {
    }

    /** "EPERM" for 1; "errno 1234" for a value this machine's table does not know. */
    public static String name(int errno) {
        return LinuxAbi.HOST.errnoName(errno);
    }
}
