package macserver.mactelnet;

/**
 * What this router says about itself in MNDP announcements (read at every announcement, so a
 * new identity shows at the next one). Null strings are left out.
 */
public record MndpIdentity(String identity, String version, String platform, String board, String softwareId,
        long uptimeSeconds) {
}
