package macserver.radius;

import java.util.List;

/**
 * What to ask a RADIUS server, before it is bound to one server: User-Password is hidden with
 * each server's secret and each attempt's Request Authenticator, so it stays clear text here
 * (in memory only, never stored).
 *
 * @param attributes everything except User-Password and Message-Authenticator
 * @param password the User-Password to hide, or null to send none (CHAP sends CHAP-Password
 *     among {@code attributes} instead)
 */
public record AccessRequest(List<RadiusAttribute> attributes, byte[] password) {
    public AccessRequest {
        attributes = List.copyOf(attributes);
        for (RadiusAttribute a : attributes) {
            if (a.type() == RadiusAttribute.MESSAGE_AUTHENTICATOR || a.type() == RadiusAttribute.USER_PASSWORD
                    || a.type() == RadiusAttribute.PROXY_STATE) {
                throw new IllegalArgumentException("attribute " + a.type() + " is added by the codec, not the caller");
            }
        }
        password = password == null ? null : password.clone();
    }
}
