package macserver.mactelnet;

/**
 * What MNDP announces and where, and where the announcements of other devices go. Asked under
 * the server's lock, once a second and per neighbour announcement: must not block.
 */
public interface Discovery {
    /** This router's MNDP identity, read at every announcement. */
    MndpIdentity mndpIdentity();

    /**
     * The interfaces MNDP announces on and listens on (the discovery interface list). The array
     * is only read; the host may hand out the same one each time.
     */
    int[] discoveryInterfaces();

    /** The host's name of an interface (for MNDP TLV 16 and the session list). */
    String interfaceName(int ifIndex);

    /** Another device announced itself on an interface we listen on. */
    void neighbourSeen(Neighbour neighbour);
}
