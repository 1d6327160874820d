package macserver.nft;

/**
 * One nftables set the firmware keeps, {@code inet <table> <set>}. The family is always
 * {@code inet}: its input chain sees IPv4 and IPv6 with the Ethernet source still known, so an
 * operator's {@code ether saddr @set} rule works there.
 */
public record SetName(String table, String set) {
    public static final String FAMILY = "inet";

    /** How nft spells it in commands: {@code inet t s}. */
    public String spec() {
        return FAMILY + " " + table + " " + set;
    }

    @Override
    public String toString() {
        return spec();
    }
}
