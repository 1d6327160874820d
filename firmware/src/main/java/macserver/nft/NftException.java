package macserver.nft;

/** nftables refused or could not be reached; the message is what {@code nft-status} shows. */
public final class NftException extends Exception {
    public NftException(String message) {
        super(message);
    }
}
