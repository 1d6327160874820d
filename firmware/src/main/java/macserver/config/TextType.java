package macserver.config;

import macserver.display.DisplayText;

/**
 * Free text up to a length limit, without control characters, bidirectional controls or unpaired
 * surrogates; {@code name} variants also refuse empty text.
 */
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
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new ConfigException("invalid value for argument " + property + " (control character)");
            }
            if (DisplayText.isBidiControl(c)) {
                // They reorder what a reader sees (Trojan Source) and are never needed in a setting.
                throw new ConfigException("invalid value for argument " + property
                        + " (bidirectional control character)");
            }
            if (Character.isSurrogate(c) && DisplayText.isUnsafe(text, i)) {
                // JSON's \ud800 escapes can carry half a character, which no encoding can store.
                throw new ConfigException("invalid value for argument " + property + " (unpaired surrogate)");
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
