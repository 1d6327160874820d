package macserver.config;

import java.util.List;
import java.util.function.Supplier;

/**
 * The name of an item in another menu. Kept as the target's id, so renaming the target keeps
 * the reference; printed as the target's current name.
 */
public final class ReferenceType implements ValueType {
    private final Supplier<Menu> target;

    /** The target is supplied lazily because menus may refer to each other. */
    public ReferenceType(Supplier<Menu> target) {
        this.target = target;
    }

    public Menu target() {
        return target.get();
    }

    @Override
    public String description() {
        return "name of " + String.join(" ", target.get().path()) + " item";
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        int id = refs.idByName(target.get(), text);
        if (id < 0) {
            throw new ConfigException("input does not match any value of " + property);
        }
        return id;
    }

    @Override
    public String format(Object value, References refs) {
        String name = refs.nameById(target.get(), (Integer) value);
        return name != null ? name : "*" + Integer.toHexString((Integer) value).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public List<String> completions(References refs) {
        return refs.names(target.get());
    }

    @Override
    public String encode(Object value) {
        return Integer.toString((Integer) value);
    }

    @Override
    public Object decode(String stored) throws ConfigException {
        try {
            return Integer.parseInt(stored);
        } catch (NumberFormatException e) {
            throw new ConfigException("bad stored reference " + stored);
        }
    }
}
