package macserver.console;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import macserver.config.Plane;
import macserver.console.CliLineEditor.Kind;
import macserver.console.CliLineEditor.Line;
import macserver.users.LoginService;

/**
 * The login screen of a terminal: {@code <identity> Login: }, {@code Password: } (not echoed), at
 * most {@link #ATTEMPTS} tries per round with a pause after each failure, and the forced password
 * change of a factory-fresh {@code admin}. Ctrl-C or Ctrl-D just start the prompt again.
 */
final class LoginDialog {

    static final int ATTEMPTS = 3;
    static final String LOGIN_FAILED = "Login failed, incorrect username or password\n";

    private final CliLineEditor editor;
    private final LoginService logins;
    private final Plane via;
    private final Duration failureDelay;

    LoginDialog(CliLineEditor editor, LoginService logins, Plane via, Duration failureDelay) {
        this.editor = editor;
        this.logins = logins;
        this.via = via;
        this.failureDelay = failureDelay;
    }

    /** One round of login attempts: the user who logged in, or empty after {@link #ATTEMPTS} failures. */
    Optional<String> run(String identity) throws InterruptedException {
        int failures = 0;
        while (failures < ATTEMPTS) {
            Line name = editor.readVisible(identity + " Login: ");
            if (name.kind() != Kind.TEXT && name.kind() != Kind.TOO_LONG) {
                continue;
            }
            String user = userOf(name.text());
            if (name.kind() == Kind.TEXT && user.isEmpty()) {
                continue;
            }
            Line password = editor.readHidden("Password: ");
            if (password.kind() == Kind.CANCELLED || password.kind() == Kind.LOGOUT) {
                continue;
            }
            LoginService.Outcome outcome = LoginService.Outcome.FAILURE;
            if (name.kind() == Kind.TEXT && password.kind() == Kind.TEXT) {
                char[] secret = password.text().toCharArray();
                try {
                    outcome = logins.login(user, secret, via);
                } finally {
                    Arrays.fill(secret, '\0');
                }
            }
            switch (outcome) {
                case SUCCESS -> {
                    return Optional.of(user);
                }
                case MUST_CHANGE_PASSWORD -> {
                    return changePassword(user) ? Optional.of(user) : Optional.empty();
                }
                case FAILURE -> {
                    failures++;
                    editor.print(LOGIN_FAILED);
                    // Slows down guessing over the wire; a person barely notices.
                    Thread.sleep(failureDelay);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The name without RouterOS login options: {@code admin+ct80w} logs in as {@code admin}. The
     * options only tune the terminal, which this console does not need to be told.
     */
    static String userOf(String typed) {
        String name = typed.strip();
        int plus = name.indexOf('+');
        return plus > 0 ? name.substring(0, plus) : name;
    }

    /** Makes the user choose a new, non-empty password; false if they gave up after three tries. */
    private boolean changePassword(String user) {
        editor.print("\nThe password must be changed before first use.\n");
        for (int i = 0; i < ATTEMPTS; i++) {
            Line first = editor.readHidden("new password> ");
            if (first.kind() == Kind.CANCELLED || first.kind() == Kind.LOGOUT) {
                return false;
            }
            Line second = editor.readHidden("repeat new password> ");
            if (second.kind() == Kind.CANCELLED || second.kind() == Kind.LOGOUT) {
                return false;
            }
            if (first.kind() == Kind.TOO_LONG || second.kind() == Kind.TOO_LONG) {
                editor.print("password too long\n");
            } else if (first.text().isEmpty()) {
                editor.print("password must not be empty\n");
            } else if (!first.text().equals(second.text())) {
                editor.print("passwords do not match\n");
            } else if (setPassword(user, first.text())) {
                editor.print("password changed\n");
                return true;
            }
        }
        return false;
    }

    private boolean setPassword(String user, String password) {
        char[] secret = password.toCharArray();
        try {
            logins.changePassword(user, secret);
            return true;
        } catch (IllegalArgumentException e) {
            editor.print(e.getMessage() + "\n");
            return false;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
