package macserver.macplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import macserver.board.BoardProfile;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Plane;
import macserver.mactelnet.LoginRoute;
import macserver.testsupport.TestModels;
import macserver.users.UserLoginService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the plane sends a MAC-Telnet login: the server's authentication list, in its order. */
class MacServerPlaneTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final ModelCliSessions sessions = new ModelCliSessions(t.model, "test");
    private final CliSession cli = sessions.open("admin", Plane.STDIO);
    private final MacServerPlane plane = new MacServerPlane(t.model, BoardProfile.load("host"), "test", sessions,
            new UserLoginService(t.model), t.live);

    @AfterEach
    void close() {
        plane.close();
    }

    private LoginRoute route(String authentication, String user) {
        cli.execute("/ip mac-server set s1 authentication=" + authentication);
        int id = t.model.read(() -> t.model.idByName(t.model.schema().menu("ip mac-server"), "s1"));
        return plane.logins().loginRoute(user, id);
    }

    @Test
    void routesFollowTheAuthenticationList() {
        cli.execute("/ip mac-server add name=s1");
        assertEquals(LoginRoute.LOCAL, route("local", "admin"));
        assertEquals(LoginRoute.LOCAL, route("local", "carol"), "unknown users fail locally as before");
        assertEquals(LoginRoute.LOCAL, route("local,radius", "admin"));
        assertEquals(LoginRoute.REMOTE, route("local,radius", "carol"));
        assertEquals(LoginRoute.REMOTE_THEN_LOCAL, route("radius,local", "admin"));
        assertEquals(LoginRoute.REMOTE, route("radius,local", "carol"));
        assertEquals(LoginRoute.REMOTE, route("radius", "admin"), "radius only: local users count for nothing");
        assertEquals(LoginRoute.LOCAL, plane.logins().loginRoute("admin", 9999), "a server that is gone");
    }
}
