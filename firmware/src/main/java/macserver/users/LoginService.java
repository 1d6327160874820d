package macserver.users;

import macserver.config.Plane;

/** Password logins for the terminals and remote planes; decisions only, no wire format. */
public interface LoginService {

    enum Outcome { SUCCESS, MUST_CHANGE_PASSWORD, FAILURE }

    /**
     * Checks a user name and password. Unknown user, wrong password and disabled user all give
     * FAILURE, so a caller cannot tell which. MUST_CHANGE_PASSWORD means the password was right
     * (the factory-empty admin password) and the console must make the user choose a new one
     * before anything else; remote planes treat it as FAILURE.
     */
    Outcome login(String user, char[] password, Plane via);

    /**
     * Whether {@code user} may log in through {@code via} at all (exists, is enabled, its group
     * has the plane's policy), for logins that prove who they are without a password (SSH
     * keys). Says no unless an implementation knows better.
     */
    default boolean admits(String user, Plane via) {
        return false;
    }

    /** Sets the user's password (stored as verifiers only). Throws IllegalArgumentException with a RouterOS message. */
    void changePassword(String user, char[] newPassword);
}
