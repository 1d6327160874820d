package macserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** The seed document's commands, exactly as it writes them. */
class SeedCommandsTest {
    private final CliSession cli = new ModelCliSessions(TestModels.fresh().model, "test").open("admin", Plane.STDIO);

    @Test
    void seedSectionTwoWorksAsWritten() {
        assertEquals("", cli.execute("/ip mac-server"));
        assertEquals("", cli.execute("add name=my-mac-server"));
        assertEquals("", cli.execute("/ip mac-server binding"));
        assertEquals("", cli.execute("add mac-address=00:01:02:03:04:05 server=my-mac-server"));
        assertEquals("", cli.execute("/ip mac-server"));
        assertEquals("", cli.execute("set my-mac-server default"));
        String print = cli.execute("/ip mac-server print");
        System.out.println(print);
        assertTrue(print.lines().anyMatch(l -> l.matches("\\s*0 \\*\\s+my-mac-server.*")), print);
        String bindings = cli.execute("/ip mac-server binding print");
        System.out.println(bindings);
        assertTrue(bindings.lines().anyMatch(l -> l.matches("\\s*0\\s+00:01:02:03:04:05\\s+my-mac-server\\s+allow.*")), bindings);
        System.out.println(cli.execute("/ip mac-server print detail"));
        System.out.println(cli.execute("/ip mac-server binding print detail"));
        System.out.println(cli.execute("/export"));
        System.out.println(cli.execute("/system identity print"));
        System.out.println(cli.execute("/user print"));
        System.out.println(cli.execute("/user group print"));
        System.out.println(cli.execute("/interface list print"));
        System.out.println(cli.prompt());
    }

    @Test
    void seedCompleteConfigurationCommands() {
        assertEquals("", cli.execute("/ip mac-server add name=my-mac-server"));
        assertEquals("", cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=my-mac-server"));
        assertEquals("", cli.execute("/ip mac-server set my-mac-server default"));
        assertTrue(cli.execute("/ip mac-server print").contains("0 * my-mac-server"));
    }
}
