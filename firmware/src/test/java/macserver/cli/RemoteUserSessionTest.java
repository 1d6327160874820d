package macserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** CLI sessions of users RADIUS accepted: the rights of the group it named, never of a local namesake. */
class RemoteUserSessionTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final ModelCliSessions sessions = new ModelCliSessions(t.model, "test");

    @Test
    void aReadGroupMayLookButNotChange() {
        CliSession carol = sessions.open("carol", "read", Plane.MAC_TELNET);
        assertEquals("carol", carol.userName());
        assertTrue(carol.prompt().startsWith("[carol@"));
        assertTrue(carol.execute("/system identity print").contains("name:"));
        assertTrue(carol.execute("/system identity set name=x").contains("not enough permissions"));
    }

    @Test
    void aRemoteAdminGetsTheGroupsRightsNotTheLocalAdmins() {
        CliSession remote = sessions.open("admin", "read", Plane.MAC_TELNET);
        assertTrue(remote.execute("/system identity set name=x").contains("not enough permissions"));
        CliSession local = sessions.open("admin", Plane.MAC_TELNET);
        assertEquals("", local.execute("/system identity set name=x"));
    }

    @Test
    void aGroupThatDoesNotExistGivesNoRights() {
        CliSession ghost = sessions.open("ghost", "no-such-group", Plane.MAC_TELNET);
        assertTrue(ghost.execute("/system identity print").contains("not enough permissions"));
    }

    @Test
    void userAaaDefaultGroupMustExist() {
        CliSession admin = sessions.open("admin", Plane.STDIO);
        assertEquals("read\n", admin.execute("/user aaa get default-group"));
        assertTrue(admin.execute("/user aaa set default-group=nobody").contains("does not match"));
        assertEquals("", admin.execute("/user aaa set default-group=write"));
        assertEquals("write\n", admin.execute("/user aaa get default-group"));
    }
}
