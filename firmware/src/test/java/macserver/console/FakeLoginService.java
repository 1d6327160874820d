package macserver.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import macserver.config.Plane;
import macserver.users.LoginService;

/** Users and passwords in a map; a user whose password is empty must change it first, as the factory admin. */
final class FakeLoginService implements LoginService {

    private final Map<String, String> passwords = new HashMap<>();
    /** Every login attempt as {@code user/password/PLANE}, in order. */
    final List<String> attempts = Collections.synchronizedList(new ArrayList<>());

    FakeLoginService withUser(String user, String password) {
        passwords.put(user, password);
        return this;
    }

    synchronized String passwordOf(String user) {
        return passwords.get(user);
    }

    @Override
    public synchronized Outcome login(String user, char[] password, Plane via) {
        String typed = new String(password);
        attempts.add(user + "/" + typed + "/" + via);
        String expected = passwords.get(user);
        if (expected == null || !expected.equals(typed)) {
            return Outcome.FAILURE;
        }
        return expected.isEmpty() ? Outcome.MUST_CHANGE_PASSWORD : Outcome.SUCCESS;
    }

    @Override
    public synchronized void changePassword(String user, char[] newPassword) {
        String password = new String(newPassword);
        if (password.equals("weak")) {
            throw new IllegalArgumentException("password is too weak");
        }
        passwords.put(user, password);
    }
}
