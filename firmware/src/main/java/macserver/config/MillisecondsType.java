package macserver.config;

import java.util.Locale;

/** A short interval kept in milliseconds: reads {@code 300ms}, {@code 2s} or plain milliseconds; prints {@code 300ms}. */
public final class MillisecondsType implements ValueType {
    private final long min;
    private final long max;

    public MillisecondsType(long min, long max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public String description() {
        return "time interval in milliseconds (e.g. 300ms, 1s)";
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long factor = 1;
        if (t.endsWith("ms")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
            factor = 1000;
        }
        long value;
        try {
            value = Math.multiplyExact(Long.parseLong(t), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException("invalid value for argument " + property);
        }
        if (value < min || value > max) {
            throw new ConfigException("value of " + property + " out of range (" + min + "ms.." + max + "ms)");
        }
        return value;
    }

    @Override
    public String format(Object value, References refs) {
        return value + "ms";
    }

    @Override
    public int compare(Object a, Object b) {
        return Long.compare((Long) a, (Long) b);
    }
}
