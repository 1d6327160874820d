package macserver.radius;

import java.util.List;

/**
 * The legacy MD5 MAC-Telnet login as a RADIUS CHAP request (RFC 2865 5.3, 5.40). The client's
 * PASSWORD value is 00 ‖ MD5(00 ‖ password ‖ salt), which is exactly a CHAP-Password with
 * identifier 0 for CHAP-Challenge = salt, so the RADIUS server checks the password and the router
 * never learns it. EC-SRP5 has no RADIUS equivalent (the server would need a verifier made from the
 * password): a login that came as EC-SRP5 can only be checked against local users.
 */
public final class ChapLogin {
    public static final int RESPONSE_LENGTH = 17;

    private ChapLogin() {
    }

    /**
     * @param salt the 16-byte salt the router sent
     * @param response the client's 17-byte PASSWORD value
     */
    public static AccessRequest accessRequest(String user, byte[] salt, byte[] response, String nasIdentifier) {
        if (response.length != RESPONSE_LENGTH || response[0] != 0) {
            throw new IllegalArgumentException("an MD5 MAC-Telnet response is 17 bytes starting with 0");
        }
        if (salt.length == 0) {
            throw new IllegalArgumentException("CHAP needs a challenge");
        }
        return new AccessRequest(List.of(
                RadiusAttribute.text(RadiusAttribute.USER_NAME, user),
                new RadiusAttribute(RadiusAttribute.CHAP_PASSWORD, response),
                new RadiusAttribute(RadiusAttribute.CHAP_CHALLENGE, salt),
                RadiusAttribute.text(RadiusAttribute.NAS_IDENTIFIER, nasIdentifier),
                RadiusAttribute.integer(RadiusAttribute.NAS_PORT_TYPE, RadiusAttribute.PORT_TYPE_ETHERNET)), null);
    }
}
