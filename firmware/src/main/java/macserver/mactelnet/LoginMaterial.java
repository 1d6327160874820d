package macserver.mactelnet;

import macserver.auth.EcSrp5Verifier;

/**
 * What the host knows about a user for a MAC-Telnet login.
 *
 * @param verifier the EC-SRP5 verifier, or null when the user has none
 * @param md5Secret the password bytes for the legacy MD5 login, or null when MD5 is not allowed
 *     for this user (the session zeroes its copy after use)
 * @param macTelnetAllowed whether the user may log in over MAC-Telnet at all: the group has the
 *     "telnet" policy, the user is enabled, and the password is not the factory-empty one. When
 *     false the login runs to the end and fails like a wrong password.
 */
public record LoginMaterial(EcSrp5Verifier verifier, byte[] md5Secret, boolean macTelnetAllowed) {

    public LoginMaterial {
        md5Secret = md5Secret == null ? null : md5Secret.clone();
    }

    @Override
    public byte[] md5Secret() {
        return md5Secret == null ? null : md5Secret.clone();
    }

    @Override
    public String toString() {
        return "LoginMaterial[verifier=" + (verifier != null) + ", md5=" + (md5Secret != null)
                + ", allowed=" + macTelnetAllowed + "]";
    }
}
