package macserver.config;

/** Free text up to a length limit; {@code name} variants refuse empty text and control characters. */
public final class TextType implements ValueType {
    private final int maxLength;
    private final boolean nameRules;

    public TextType(int maxLength, boolean nameRules) {
        this.maxLength = maxLength;
        this.nameRules = nameRules;
    }

    @Override
    public String description() {
        return nameRules ? "name" : "string";
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        if (text.length() > maxLength) {
            throw new ConfigException("value of " + property + " too long (at most " + maxLength + " characters)");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new ConfigException("invalid value for argument " + property + " (control character)");
            }
        }
        if (nameRules && text.isBlank()) {
            throw new ConfigException("invalid value for argument " + property + " (empty name)");
        }
        return text;
    }

    @Override
    public String format(Object value, References refs) {
        return (String) value;
    }
}
