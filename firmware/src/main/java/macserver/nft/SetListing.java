package macserver.nft;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set as {@code nft -j list set} shows it: its type and its MAC elements. Read by a small scan
 * rather than a JSON library, because only two things matter and the firmware carries no JSON
 * parser: the set's {@code "type"} and the MAC strings after {@code "elem"} (plain strings, or
 * inside objects when the set has timeouts or counters; the pattern finds both).
 */
public record SetListing(String type, Set<Long> macs) {
    public static final String MAC_TYPE = "ether_addr";

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ELEM = Pattern.compile("\"elem\"\\s*:");

    public static SetListing parse(String json) throws NftException {
        int setAt = json.indexOf("\"set\"");
        if (setAt < 0) {
            throw new NftException("nft listed no set");
        }
        Matcher type = TYPE.matcher(json);
        if (!type.find(setAt)) {
            throw new NftException("nft listed a set without a type");
        }
        Set<Long> macs = new HashSet<>();
        Matcher elem = ELEM.matcher(json);
        if (elem.find(setAt)) {
            // A plain scan of the quoted strings: a regular expression took most of a sync's
            // time on a set of 100,000 elements.
            int at = json.indexOf('"', elem.end());
            while (at >= 0) {
                int end = json.indexOf('"', at + 1);
                if (end < 0) {
                    break;
                }
                long mac = mac(json, at + 1, end);
                if (mac >= 0) {
                    macs.add(mac);
                }
                at = json.indexOf('"', end + 1);
            }
        }
        return new SetListing(type.group(1), macs);
    }

    /** The MAC written as {@code aa:bb:cc:dd:ee:ff} in {@code s[from, to)}, or -1 if that is something else. */
    static long mac(String s, int from, int to) {
        if (to - from != 17) {
            return -1;
        }
        long mac = 0;
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(from + i);
            if (i % 3 == 2) {
                if (c != ':') {
                    return -1;
                }
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0) {
                return -1;
            }
            mac = mac << 4 | digit;
        }
        return mac;
    }

    public boolean holdsMacs() {
        return MAC_TYPE.equals(type);
    }
}
