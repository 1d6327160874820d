package macserver.config;

import java.util.ArrayList;
import java.util.List;

/** One word out of a fixed set; a unique prefix is accepted, as in RouterOS. */
public final class ChoiceType implements ValueType {
    private final List<String> choices;

    public ChoiceType(String... choices) {
        this.choices = List.of(choices);
    }

    @Override
    public String description() {
        return String.join(" | ", choices);
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        return pick(choices, text, property);
    }

    static String pick(List<String> choices, String text, String property) throws ConfigException {
        if (choices.contains(text)) {
            return text;
        }
        List<String> matches = new ArrayList<>();
        for (String c : choices) {
            if (!text.isEmpty() && c.startsWith(text)) {
                matches.add(c);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1 || text.isEmpty()) {
            throw new ConfigException("ambiguous value of " + property + ", more than one possible value matches input");
        }
        throw new ConfigException("input does not match any value of " + property);
    }

    @Override
    public String format(Object value, References refs) {
        return (String) value;
    }

    @Override
    public List<String> completions(References refs) {
        return choices;
    }
}
