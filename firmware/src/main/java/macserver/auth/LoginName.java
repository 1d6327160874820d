package macserver.auth;

/**
 * A login name as a client sends it, split at the first '+' into the user name and the RouterOS
 * console options (e.g. {@code admin+c80w}: user {@code admin}, options {@code c80w}). The user
 * name is what identifies the account and what the EC-SRP5 validator is computed from.
 */
public record LoginName(String user, String options) {

    public LoginName {
        if (user == null || options == null) {
            throw new IllegalArgumentException("user and options must not be null");
        }
    }

    public static LoginName parse(String asSent) {
        int plus = asSent.indexOf('+');
        return plus < 0 ? new LoginName(asSent, "") : new LoginName(asSent.substring(0, plus), asSent.substring(plus + 1));
    }
}
