package macserver.config;

import java.util.ArrayList;
import java.util.List;

/** An ordered, comma-separated list of distinct words from a fixed set (e.g. {@code local,radius}). */
public final class ChoiceListType implements ValueType {
    private final List<String> choices;

    public ChoiceListType(String... choices) {
        this.choices = List.of(choices);
    }

    @Override
    public String description() {
        return "comma-separated list of " + String.join(" | ", choices);
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String word = ChoiceType.pick(choices, part.trim(), property);
            if (out.contains(word)) {
                throw new ConfigException("invalid value for argument " + property + " (" + word + " given twice)");
            }
            out.add(word);
        }
        return List.copyOf(out);
    }

    @Override
    public String format(Object value, References refs) {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) value;
        return String.join(",", list);
    }

    @Override
    public List<String> completions(References refs) {
        return choices;
    }
}
