package macserver.config.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import macserver.cli.ModelCliSessions;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Plane;
import macserver.testsupport.TestModels;
import macserver.users.LoginService;
import macserver.users.UserLoginService;
import org.junit.jupiter.api.Test;

/**
 * After flash damage took users or groups (as a mount that skips their records leaves them), the
 * built-in groups come back, and the console can always reach admin; the network cannot.
 */
class RestoreAccessTest {

    private static List<String> restore(ConfigModel model) throws ConfigException {
        return model.write(Origin.SYSTEM, FactoryDefaults::restoreAccess);
    }

    /** Forgets every item of a menu the way a mount does when their records are lost. */
    private static void lose(ConfigModel model, String menu) {
        Menu m = model.schema().menu(menu);
        List<Integer> ids = model.read(() -> {
            List<Integer> all = new java.util.ArrayList<>();
            model.table(m).iterator().forEachRemaining(e -> all.add(e.getKey()));
            return all;
        });
        ids.forEach(id -> model.unload(m, id));
    }

    @Test
    void lostUsersAndGroupsComeBackAndOnlyTheConsoleGetsIn() throws ConfigException {
        ConfigModel model = TestModels.fresh().model;
        var cli = new ModelCliSessions(model, "test");
        cli.open("admin", Plane.STDIO).execute("/user set admin password=secret1");
        cli.open("admin", Plane.STDIO).execute("/user add name=bob group=read password=bobpw");
        lose(model, "user group");
        lose(model, "user");
        assertTrue(cli.open("admin", Plane.STDIO).execute("/user print").contains("not enough permissions"),
                "the damage this repairs");

        List<String> restored = restore(model);
        assertEquals(List.of("group read", "group write", "group full", "user admin (factory password, console only)"),
                restored);
        String users = cli.open("admin", Plane.STDIO).execute("/user group print terse");
        assertTrue(users.contains("name=full") && users.contains("name=read") && users.contains("name=write"), users);
        UserLoginService logins = new UserLoginService(model);
        assertEquals(LoginService.Outcome.MUST_CHANGE_PASSWORD, logins.login("admin", new char[0], Plane.SERIAL));
        assertEquals(LoginService.Outcome.FAILURE, logins.login("admin", new char[0], Plane.MAC_TELNET));
        assertEquals(LoginService.Outcome.FAILURE, logins.login("admin", new char[0], Plane.REST));
        String reset = cli.open("admin", Plane.SERIAL).execute("/system identity set name=after-damage");
        assertFalse(reset.contains("not enough permissions"), reset);
    }

    @Test
    void anAdminLeftWithoutRightsGetsFullRightsAndTheFactoryPasswordOnly() throws ConfigException {
        ConfigModel model = TestModels.fresh().model;
        var cli = new ModelCliSessions(model, "test");
        cli.open("admin", Plane.STDIO).execute("/user set admin password=known-to-others");
        lose(model, "user group");
        UserLoginService logins = new UserLoginService(model);

        restore(model);
        assertEquals(LoginService.Outcome.FAILURE, logins.login("admin", "known-to-others".toCharArray(), Plane.MAC_TELNET),
                "a password that went with fewer rights must not come with full ones");
        assertEquals(LoginService.Outcome.MUST_CHANGE_PASSWORD, logins.login("admin", new char[0], Plane.SERIAL));
        assertTrue(cli.open("admin", Plane.STDIO).execute("/user print terse").contains("group=full"));
    }

    @Test
    void intactConfigurationIsLeftAlone() throws ConfigException {
        ConfigModel model = TestModels.fresh().model;
        var cli = new ModelCliSessions(model, "test");
        cli.open("admin", Plane.STDIO).execute("/user set admin password=pw1");
        String before = cli.open("admin", Plane.STDIO).execute("/user print terse");
        assertEquals(List.of(), restore(model));
        assertEquals(before, cli.open("admin", Plane.STDIO).execute("/user print terse"));
        assertEquals(LoginService.Outcome.SUCCESS, new UserLoginService(model).login("admin", "pw1".toCharArray(), Plane.MAC_TELNET));
    }
}
