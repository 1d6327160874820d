package macserver.libc;

import java.util.Map;

/** Linux errno values as their names, so a failure reads "EPERM" and not "1". */
public final class Errno {
    public static final int EPERM = 1;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EINVAL = 22;
    public static final int ENOPROTOOPT = 92;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(EINTR, "EINTR"), Map.entry(5, "EIO"),
            Map.entry(6, "ENXIO"), Map.entry(9, "EBADF"), Map.entry(EAGAIN, "EAGAIN"), Map.entry(12, "ENOMEM"),
            Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"), Map.entry(19, "ENODEV"),
            Map.entry(EINVAL, "EINVAL"), Map.entry(23, "ENFILE"), Map.entry(24, "EMFILE"), Map.entry(90, "EMSGSIZE"),
            Map.entry(ENOPROTOOPT, "ENOPROTOOPT"), Map.entry(93, "EPROTONOSUPPORT"), Map.entry(95, "EOPNOTSUPP"),
            Map.entry(97, "EAFNOSUPPORT"), Map.entry(100, "ENETDOWN"), Map.entry(101, "ENETUNREACH"),
            Map.entry(105, "ENOBUFS"));

    private Errno() {
    }

    /** "EPERM" for 1; "errno 1234" for a value this table does not know. */
    public static String name(int errno) {
        String name = NAMES.get(errno);
        return name != null ? name : "errno " + errno;
    }
}
