package macserver.config;

import java.util.Locale;

/**
 * RouterOS time intervals, kept as whole seconds: reads {@code 1w2d3h4m5s} (any subset, in order),
 * plain seconds, and {@code hh:mm:ss}; prints the compact form ({@code 1h30m}, {@code 0s}).
 */
public final class DurationType implements ValueType {
    private static final long[] UNIT_SECONDS = {7 * 86400, 86400, 3600, 60, 1};
    private static final char[] UNIT_LETTERS = {'w', 'd', 'h', 'm', 's'};

    private final long maxSeconds;

    public DurationType(long maxSeconds) {
        this.maxSeconds = maxSeconds;
    }

    @Override
    public String description() {
        return "time interval (e.g. 1h30m)";
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        long seconds = parseSeconds(text.trim().toLowerCase(Locale.ROOT));
        if (seconds < 0) {
            throw new ConfigException("invalid value for argument " + property);
        }
        if (seconds > maxSeconds) {
            throw new ConfigException("value of " + property + " out of range (at most " + format(maxSeconds) + ")");
        }
        return seconds;
    }

    /** Seconds, or -1 when the text is not a duration. */
    static long parseSeconds(String s) {
        if (s.isEmpty() || s.length() > 32) {
            return -1;
        }
        if (s.indexOf(':') >= 0) {
            String[] parts = s.split(":", -1);
            if (parts.length != 3) {
                return -1;
            }
            long total = 0;
            for (String p : parts) {
                if (p.isEmpty() || !p.chars().allMatch(Character::isDigit) || p.length() > 9) {
                    return -1;
                }
                total = total * 60 + Long.parseLong(p);
            }
            return total;
        }
        long total = 0;
        long number = -1;
        int lastUnit = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                number = (number < 0 ? 0 : number) * 10 + (c - '0');
                if (number > 1_000_000_000L) {
                    return -1;
                }
                continue;
            }
            int unit = new String(UNIT_LETTERS).indexOf(c);
            if (unit < 0 || number < 0 || unit <= lastUnit) {
                return -1;
            }
            total += number * UNIT_SECONDS[unit];
            number = -1;
            lastUnit = unit;
        }
        if (number >= 0) {
            if (lastUnit >= 0) {
                return -1;
            }
            total = number;
        }
        return total;
    }

    public static String format(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = seconds;
        for (int i = 0; i < UNIT_SECONDS.length; i++) {
            long n = rest / UNIT_SECONDS[i];
            if (n > 0) {
                sb.append(n).append(UNIT_LETTERS[i]);
                rest -= n * UNIT_SECONDS[i];
            }
        }
        return sb.toString();
    }

    @Override
    public String format(Object value, References refs) {
        return format((Long) value);
    }

    @Override
    public int compare(Object a, Object b) {
        return Long.compare((Long) a, (Long) b);
    }
}
