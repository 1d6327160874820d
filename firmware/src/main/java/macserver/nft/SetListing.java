package macserver.nft;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set as {@code nft -j list set} shows it: its type and its MAC elements. Read with a pattern
 * rather than a JSON library, because only two things matter and the firmware carries no JSON
 * parser: the set's {@code "type"} and the MAC strings after {@code "elem"} (plain strings, or
 * inside objects when the set has timeouts or counters; the pattern finds both).
 */
public record SetListing(String type, Set<Long> macs) {
    public static final String MAC_TYPE = "ether_addr";

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ELEM = Pattern.compile("\"elem\"\\s*:");
    private static final Pattern MAC = Pattern.compile("\"([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})\"");

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
            Matcher mac = MAC.matcher(json);
            int at = elem.end();
            while (mac.find(at)) {
                macs.add(Long.parseLong(mac.group(1).replace(":", ""), 16));
                at = mac.end();
            }
        }
        return new SetListing(type.group(1), macs);
    }

    public boolean holdsMacs() {
        return MAC_TYPE.equals(type);
    }
}
