package macserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import macserver.board.BoardProfile;
import macserver.config.Plane;
import macserver.config.menus.LiveStatus;
import macserver.system.ConfigHistory;
import macserver.system.SystemStatus;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What backup tools (Oxidized, RANCID, Ansible facts) run over SSH, on the CLI. */
class BackupCommandsTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final CliSession cli = new ModelCliSessions(t.model, "test").open("admin", Plane.SSH);

    @BeforeEach
    void wireTheSystemMenus() {
        SystemStatus status = new SystemStatus(BoardProfile.load("rb5009"), "1.2.3", () -> 0L);
        ConfigHistory history = new ConfigHistory(t.seconds::get);
        t.model.addListener(history);
        t.live.report(new LiveStatus.SystemFigures() {
            @Override
            public List<Object[]> resource() {
                return status.resource();
            }

            @Override
            public List<Object[]> routerboard() {
                return status.routerboard();
            }

            @Override
            public List<Object[]> packages() {
                return status.packages();
            }

            @Override
            public List<Object[]> history() {
                return history.rows();
            }
        });
    }

    @Test
    void theBoardPackageAndResourceAreShownAsRouterOsPrintsThem() {
        String rb = cli.execute("/system routerboard print without-paging");
        assertTrue(rb.contains("routerboard: yes") && rb.contains("model: RB5009UG+S+IN"), rb);
        assertTrue(rb.contains("current-firmware: 1.2.3"), rb);
        String packages = cli.execute("/system package print");
        assertTrue(packages.lines().anyMatch(l -> l.matches("0\\s+macserver\\s+1\\.2\\.3\\s+arm64")), packages);
        String resource = cli.execute("/system resource print without-paging");
        assertTrue(resource.contains("version: 1.2.3") && resource.contains("architecture-name: arm64"), resource);
        assertTrue(cli.execute("/system package add name=x").startsWith("bad command name"), "read-only");
    }

    @Test
    void historyListsRecentChangesWithWhoAndHow() {
        assertEquals("", cli.execute("/ip mac-server add name=s1"));
        cli.execute("/ip mac-server set s1 comment=x");
        String history = cli.execute("/system history print");
        assertTrue(history.lines().anyMatch(l -> l.matches("0\\s+/ip mac-server item added\\s+admin\\s+ssh\\s+2023-11-14 22:13:20")),
                history);
        assertTrue(history.contains("/ip mac-server item changed"), history);
        for (int i = 0; i < ConfigHistory.CAPACITY + 5; i++) {
            cli.execute("/ip mac-server set s1 comment=c" + i);
        }
        assertEquals(Integer.toString(ConfigHistory.CAPACITY), cli.execute("/system history print count-only").strip());
        assertTrue(cli.execute("/system history remove 0").contains("bad command name")
                || cli.execute("/system history remove 0").contains("not"), "read-only");
    }

    @Test
    void exportTakesTheSensitiveOptionsAndStillKeepsWriteOnlyValuesOut() {
        cli.execute("/radius add address=192.0.2.9 secret=s3cr3t service=login");
        cli.execute("/ip mac-server add name=my-mac-server");
        String plain = cli.execute("/export");
        for (String option : new String[] {"show-sensitive", "hide-sensitive"}) {
            CliSession.Answer a = cli.answer("/export " + option);
            assertFalse(a.error(), a.output());
            assertEquals(body(plain), body(a.output()));
            assertFalse(a.output().contains("s3cr3t"), a.output());
        }
        assertTrue(plain.contains("add name=my-mac-server"), plain);
    }

    @Test
    void sshKeysAreNotExported() {
        assertEquals("", cli.execute("/user ssh-keys add user=admin key=\"ssh-ed25519 "
                + "AAAAC3NzaC1lZDI1NTE5AAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f ops@laptop\""));
        String export = cli.execute("/export");
        assertFalse(export.contains("ssh-keys") || export.contains("ops@laptop"), export);
    }

    /** The export without its first line (a time stamp). */
    private static String body(String export) {
        return export.substring(export.indexOf('\n') + 1);
    }
}
