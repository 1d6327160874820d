package macserver.config;

/** A whole number within bounds, kept as a Long. */
public final class IntType implements ValueType {
    private final long min;
    private final long max;

    public IntType(long min, long max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public String description() {
        return "integer " + min + ".." + max;
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid value for argument " + property);
        }
        if (v < min || v > max) {
            throw new ConfigException("value of " + property + " out of range (" + min + ".." + max + ")");
        }
        return v;
    }

    @Override
    public String format(Object value, References refs) {
        return Long.toString((Long) value);
    }

    @Override
    public int compare(Object a, Object b) {
        return Long.compare((Long) a, (Long) b);
    }
}
