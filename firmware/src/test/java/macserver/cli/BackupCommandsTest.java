package macserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** What backup tools (Oxidized, RANCID, Ansible facts) run over SSH, on the CLI. */
class BackupCommandsTest {
    private final CliSession cli = new ModelCliSessions(TestModels.fresh().model, "test").open("admin", Plane.SSH);

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
