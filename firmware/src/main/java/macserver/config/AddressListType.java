package macserver.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated list of IP prefixes ({@code 10.0.0.0/8,::1/128}); an address alone means one
 * host. Kept as a list of normalised {@code address/length} strings; empty means "any".
 */
public final class AddressListType implements ValueType {

    @Override
    public String description() {
        return "comma-separated list of IP address[/prefix]";
    }

    @Override
    public Object parse(String text, String property, References refs) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            out.add(normalise(part.trim(), property));
        }
        return List.copyOf(out);
    }

    private static String normalise(String prefix, String property) throws ConfigException {
        int slash = prefix.indexOf('/');
        String host = slash < 0 ? prefix : prefix.substring(0, slash);
        InetAddress address = literal(host, property);
        int max = address.getAddress().length * 8;
        int length = max;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(prefix.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException("invalid value for argument " + property);
            }
            if (length < 0 || length > max) {
                throw new ConfigException("invalid value for argument " + property);
            }
        }
        return address.getHostAddress() + "/" + length;
    }

    /** Only literal addresses: a name here would mean a DNS lookup while parsing. */
    private static InetAddress literal(String host, String property) throws ConfigException {
        boolean looksLiteral = host.matches("[0-9.]+") && host.chars().filter(c -> c == '.').count() == 3
                || host.contains(":") && host.matches("[0-9a-fA-F:.]+");
        if (!looksLiteral) {
            throw new ConfigException("invalid value for argument " + property);
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigException("invalid value for argument " + property);
        }
    }

    /** True when {@code address} is inside one of the prefixes, or the list is empty. */
    public static boolean allows(List<String> prefixes, InetAddress address) {
        if (prefixes.isEmpty()) {
            return true;
        }
        byte[] a = address.getAddress();
        for (String p : prefixes) {
            int slash = p.indexOf('/');
            byte[] net;
            try {
                net = InetAddress.getByName(p.substring(0, slash)).getAddress();
            } catch (UnknownHostException e) {
                continue;
            }
            if (net.length == a.length && samePrefix(net, a, Integer.parseInt(p.substring(slash + 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] x, byte[] y, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((x[i / 8] & mask) != (y[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String format(Object value, References refs) {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) value;
        return String.join(",", list);
    }
}
