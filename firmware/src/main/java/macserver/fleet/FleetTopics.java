package macserver.fleet;

import macserver.config.MacAddressType;
import macserver.mac.MacAddress;

/**
 * The topics of one fleet group under the agent's prefix:
 * {@code <prefix>/fleet/<group>/binding/<MAC>} (one retained message per MAC, the MAC in
 * upper-case colon form) and {@code <prefix>/fleet/<group>/sync/<publisher>} (a router's own
 * markers, never retained).
 */
public final class FleetTopics {
    private final String root;

    private FleetTopics(String root) {
        this.root = root;
    }

    /** Refuses a prefix or group that would leave the group's subtree (wildcards, empty levels). */
    public static FleetTopics of(String prefix, String group) {
        if (prefix == null || prefix.isEmpty() || prefix.endsWith("/") || prefix.contains("+") || prefix.contains("#")
                || prefix.contains("//")) {
            throw new IllegalArgumentException("unusable topic prefix: " + prefix);
        }
        if (!isLevel(group)) {
            throw new IllegalArgumentException("unusable fleet group name: " + group);
        }
        return new FleetTopics(prefix + "/fleet/" + group);
    }

    /** True for text usable as one topic level that names something (group, publisher). */
    public static boolean isLevel(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '+' || c == '#' || Character.isISOControl(c) || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    public String root() {
        return root;
    }

    /** Matches every binding topic of the group. */
    public String bindingFilter() {
        return root + "/binding/+";
    }

    public String binding(long mac) {
        return root + "/binding/" + MacAddress.format(mac);
    }

    public String sync(String publisher) {
        return root + "/sync/" + publisher;
    }

    /**
     * The MAC a binding topic names, or -1 unless the topic is exactly {@link #binding}'s form:
     * two spellings of one MAC would be two retained messages for one binding.
     */
    public long macOf(String topic) {
        String head = root + "/binding/";
        if (topic == null || !topic.startsWith(head)) {
            return -1;
        }
        String level = topic.substring(head.length());
        long mac = MacAddressType.parseMac(level);
        return mac > 0 && MacAddress.format(mac).equals(level) ? mac : -1;
    }
}
