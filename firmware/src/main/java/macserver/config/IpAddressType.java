package macserver.config;

import java.util.List;

/** One literal IPv4 or IPv6 address (no names: parsing never waits for DNS), kept in its canonical text. */
public final class IpAddressType implements ValueType {
    public static final IpAddressType INSTANCE = new IpAddressType();
    private static final AddressListType PREFIXES = new AddressListType();

    private IpAddressType() {
    }

    @Override
    public String description() {
        return "IP address";
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        if (text.contains("/") || text.contains(",")) {
            throw new ConfigException("invalid value for argument " + property);
        }
        @SuppressWarnings("unchecked")
        List<String> one = (List<String>) PREFIXES.parse(text, property, refs);
        if (one.size() != 1) {
            throw new ConfigException("invalid value for argument " + property);
        }
        String prefix = one.get(0);
        return prefix.substring(0, prefix.indexOf('/'));
    }

    @Override
    public String format(Object value, References refs) {
        return (String) value;
    }
}
