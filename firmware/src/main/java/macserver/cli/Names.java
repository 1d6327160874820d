package macserver.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import macserver.config.Menu;
import macserver.config.Property;

/** RouterOS name matching: an exact name, or a prefix that fits exactly one name. */
final class Names {
    private Names() {
    }

    /** The name {@code word} stands for among {@code names}, or null when none or several fit. */
    static String match(String word, Collection<String> names) {
        if (names.contains(word)) {
            return word;
        }
        List<String> hits = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith(word)) {
                hits.add(n);
            }
        }
        return hits.size() == 1 ? hits.get(0) : null;
    }

    /** A property of {@code menu} by name or prefix; {@code settable} limits it to add/set properties. */
    static Property property(Menu menu, String word, int column, boolean settable) throws CliException {
        List<String> names = new ArrayList<>();
        for (Property p : menu.properties()) {
            if (settable ? p.isSettable() : !p.has(Property.Flag.HIDDEN) && !p.has(Property.Flag.WRITE_ONLY)) {
                names.add(p.name());
            }
        }
        String m = match(word, names);
        if (m == null) {
            throw new CliException("expected end of command", column);
        }
        return menu.property(m);
    }
}
