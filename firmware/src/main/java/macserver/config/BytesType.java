package macserver.config;

import java.util.HexFormat;

/** Opaque bytes the system keeps for itself (password verifiers); never typed by users. */
public final class BytesType implements ValueType {
    public static final BytesType INSTANCE = new BytesType();

    private BytesType() {
    }

    @Override
    public String description() {
        return "bytes";
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid value for argument " + property);
        }
    }

    @Override
    public String format(Object value, References refs) {
        return HexFormat.of().formatHex((byte[]) value);
    }
}
