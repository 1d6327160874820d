package macserver.nft;

/** The kernel's nftables, as the firmware uses it: list one set, apply one batch atomically. */
public interface Nft {
    /** The set's listing as {@code nft -j list set} prints it, or null if the table or set does not exist. */
    String listSet(SetName name) throws NftException;

    /** Runs a batch of commands as one transaction: all of it takes effect, or none. */
    void apply(String batch) throws NftException;
}
