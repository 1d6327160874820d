package macserver.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

class UserLoginServiceTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final UserLoginService logins = new UserLoginService(t.model);
    private final CliSession admin = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);

    @Test
    void factoryAdminMustChangeItsEmptyPasswordOnAConsoleAndIsRefusedRemotely() {
        assertEquals(LoginService.Outcome.MUST_CHANGE_PASSWORD, logins.login("admin", new char[0], Plane.SERIAL));
        assertEquals(LoginService.Outcome.FAILURE, logins.login("admin", new char[0], Plane.REST));
        assertEquals(LoginService.Outcome.FAILURE, logins.login("admin", new char[0], Plane.MAC_TELNET));
        assertEquals(LoginService.Outcome.FAILURE, logins.login("admin", new char[0], Plane.SSH));
        logins.changePassword("admin", "n3w".toCharArray());
        assertEquals(LoginService.Outcome.SUCCESS, logins.login("admin", "n3w".toCharArray(), Plane.SERIAL));
        assertEquals(LoginService.Outcome.SUCCESS, logins.login("admin+ct80w", "n3w".toCharArray(), Plane.MAC_TELNET));
        assertEquals(LoginService.Outcome.FAILURE, logins.login("admin", new char[0], Plane.SERIAL));
    }

    @Test
    void wrongPasswordUnknownAndDisabledUsersAllFailAlike() {
        admin.execute("/user add name=bob group=write password=pw");
        assertEquals(LoginService.Outcome.SUCCESS, logins.login("bob", "pw".toCharArray(), Plane.SERIAL));
        assertEquals(LoginService.Outcome.FAILURE, logins.login("bob", "PW".toCharArray(), Plane.SERIAL));
        assertEquals(LoginService.Outcome.FAILURE, logins.login("nobody", "pw".toCharArray(), Plane.SERIAL));
        admin.execute("/user disable bob");
        assertEquals(LoginService.Outcome.FAILURE, logins.login("bob", "pw".toCharArray(), Plane.SERIAL));
    }

    @Test
    void theGroupMustAllowThePlane() {
        admin.execute("/user group add name=webonly policy=read,rest-api");
        admin.execute("/user add name=web group=webonly password=pw");
        assertEquals(LoginService.Outcome.SUCCESS, logins.login("web", "pw".toCharArray(), Plane.REST));
        assertEquals(LoginService.Outcome.FAILURE, logins.login("web", "pw".toCharArray(), Plane.SERIAL));
    }

    @Test
    void theApiPlaneNeedsTheApiPolicyAndLoggedInUsersAreCheckedAgain() {
        admin.execute("/user group add name=scripts policy=read,write,api");
        admin.execute("/user add name=ops group=scripts password=pw");
        assertEquals(LoginService.Outcome.SUCCESS, logins.login("ops", "pw".toCharArray(), Plane.API));
        assertEquals(true, logins.admits("ops", Plane.API));
        assertEquals(false, logins.admits("ops", Plane.REST));
        admin.execute("/user group set scripts policy=read,write");
        assertEquals(false, logins.admits("ops", Plane.API), "the policy was taken away");
        assertEquals(LoginService.Outcome.FAILURE, logins.login("ops", "pw".toCharArray(), Plane.API));
        admin.execute("/user group set scripts policy=read,write,api");
        admin.execute("/user disable ops");
        assertEquals(false, logins.admits("ops", Plane.API));
        assertEquals(false, logins.admits("nobody", Plane.API));
    }

    @Test
    void anEmptyNewPasswordIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> logins.changePassword("admin", new char[0]));
    }
}
