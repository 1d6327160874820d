package macserver.config.menus;

import macserver.config.ConfigException;
import macserver.config.References;
import macserver.config.ValueType;

/**
 * The name of an nftables table or set: a letter, then letters, digits or underscores. Stricter
 * than nft itself on purpose: the name goes into nft commands, so nothing in it can end one
 * command or start another.
 */
public final class NftNameType implements ValueType {
    public static final NftNameType INSTANCE = new NftNameType();
    private static final int MAX = 64;

    private NftNameType() {
    }

    @Override
    public String description() {
        return "nftables name";
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        boolean ok = !text.isEmpty() && text.length() <= MAX && Character.isLetter(text.charAt(0))
                && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'));
        if (!ok) {
            throw new ConfigException("invalid value for argument " + property
                    + " (an nftables name: a letter, then letters, digits or _, at most " + MAX + ")");
        }
        return text;
    }

    @Override
    public String format(Object value, References refs) {
        return (String) value;
    }
}
