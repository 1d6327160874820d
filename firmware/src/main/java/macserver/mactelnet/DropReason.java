package macserver.mactelnet;

/**
 * Why the host turned a SESSIONSTART or PING away. The word is what {@code /tool mac-server
 * drops print} shows.
 */
public enum DropReason {
    /** The header's client MAC is not the frame's Ethernet source ({@code source-mac-check}). */
    SOURCE_MISMATCH("source-mac-mismatch"),
    /** The interface is not in the MAC server's or the instance's allowed interface list. */
    INTERFACE_NOT_ALLOWED("interface-not-allowed"),
    PING_OFF("mac-ping-off"),
    DENY_BINDING("binding-denies"),
    BINDING_DISABLED("binding-disabled"),
    NO_DEFAULT_SERVER("no-binding-no-default"),
    SERVER_DISABLED("server-disabled"),
    /** mac-telnet or mac-ping off on the instance. */
    SERVICE_OFF("service-off"),
    /** An unbound MAC on an instance that asks RADIUS: dropped until the answer makes a binding. */
    RADIUS_PENDING("radius-pending"),
    /** The instance has max-sessions sessions already. */
    SERVER_FULL("max-sessions");

    private final String word;

    DropReason(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
