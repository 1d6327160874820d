package macserver.config;

import java.util.List;

/** RouterOS booleans: prints yes/no, reads yes/no/true/false. */
public final class BoolType implements ValueType {
    public static final BoolType INSTANCE = new BoolType();

    private BoolType() {
    }

    @Override
    public String description() {
        return "yes | no";
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true" -> Boolean.TRUE;
            case "no", "false" -> Boolean.FALSE;
            default -> throw new ConfigException("input does not match any value of " + property);
        };
    }

    @Override
    public String format(Object value, References refs) {
        return ((Boolean) value) ? "yes" : "no";
    }

    @Override
    public List<String> completions(References refs) {
        return List.of("yes", "no");
    }
}
