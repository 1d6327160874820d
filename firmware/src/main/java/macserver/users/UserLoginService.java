package macserver.users;

import java.util.Map;
import macserver.auth.Credentials;
import macserver.auth.CredentialsFormatException;
import macserver.auth.LoginName;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Plane;
import macserver.config.menus.UserMenus.GroupRow;
import macserver.config.menus.UserMenus.UserRow;

/**
 * Password logins against {@code /user}: the user must exist, be enabled, have the group policy
 * for the plane (local for consoles, telnet for MAC-Telnet, rest-api, api for MQTT and the API, ssh) and give the
 * right password. The factory-empty password is accepted only on a console, and only to set a
 * new one.
 */
public final class UserLoginService implements LoginService {
    private final ConfigModel model;

    public UserLoginService(ConfigModel model) {
        this.model = model;
    }

    static String policyFor(Plane via) {
        return switch (via) {
            case STDIO, SERIAL -> "local";
            case MAC_TELNET -> "telnet";
            case REST -> "rest-api";
            case MQTT, API -> "api";
            case SSH -> "ssh";
        };
    }

    @Override
    public Outcome login(String user, char[] password, Plane via) {
        String name = LoginName.parse(user).user();
        Credentials credentials = model.read(() -> credentialsIfAllowed(name, via));
        if (credentials == null) {
            // Spend the same work as a real check, so timing does not tell which users exist.
            Credentials.forPassword(name, password).matches(password);
            return Outcome.FAILURE;
        }
        if (!credentials.matches(password)) {
            return Outcome.FAILURE;
        }
        if (credentials.isEmptyPassword()) {
            return via == Plane.STDIO || via == Plane.SERIAL ? Outcome.MUST_CHANGE_PASSWORD : Outcome.FAILURE;
        }
        return Outcome.SUCCESS;
    }

    @Override
    public boolean admits(String user, Plane via) {
        String name = LoginName.parse(user).user();
        return model.read(() -> admittedRow(name, via) != null);
    }

    /** The user's row if it exists, is enabled and its group has the plane's policy; else null. */
    private Object[] admittedRow(String name, Plane via) {
        Menu users = model.schema().menu("user");
        int id = model.idByName(users, name);
        if (id < 0) {
            return null;
        }
        Object[] row = model.table(users).get(id);
        if (UserRow.disabled(row)) {
            return null;
        }
        Menu groups = model.schema().menu("user group");
        Object[] group = model.table(groups).get(UserRow.group(row));
        if (group == null || !GroupRow.policy(group).contains(policyFor(via))) {
            return null;
        }
        return row;
    }

    private Credentials credentialsIfAllowed(String name, Plane via) {
        Object[] row = admittedRow(name, via);
        if (row == null) {
            return null;
        }
        byte[] stored = UserRow.credentials(row);
        try {
            return stored == null ? null : Credentials.decode(stored);
        } catch (CredentialsFormatException e) {
            return null;
        }
    }

    @Override
    public void changePassword(String user, char[] newPassword) {
        if (newPassword.length == 0) {
            throw new IllegalArgumentException("failure: password must not be empty");
        }
        String name = LoginName.parse(user).user();
        try {
            model.write(new Origin(name, null), tx -> {
                Menu users = model.schema().menu("user");
                int id = model.idByName(users, name);
                if (id < 0) {
                    throw new ConfigException("no such item");
                }
                tx.set(users, id, Map.of(UserRow.PASSWORD.in(users), new String(newPassword)));
                return null;
            });
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
