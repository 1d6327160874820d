package macserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paths, item references, print variants, completion and help. */
class CliNavigationTest {
    private CliSession cli;

    @BeforeEach
    void setUp() {
        cli = new ModelCliSessions(TestModels.fresh().model, "test").open("admin", Plane.STDIO);
        cli.execute("/ip mac-server add name=alpha; /ip mac-server add name=beta comment=\"second one\"");
    }

    @Test
    void pathsMoveThePromptAndCommandsWithPathsDoNot() {
        assertEquals("[admin@MikroTik] > ", cli.prompt());
        cli.execute("/ip mac-server");
        assertEquals("[admin@MikroTik] /ip/mac-server> ", cli.prompt());
        cli.execute("binding");
        assertEquals("[admin@MikroTik] /ip/mac-server/binding> ", cli.prompt());
        cli.execute("..");
        assertEquals("[admin@MikroTik] /ip/mac-server> ", cli.prompt());
        cli.execute("/system identity print");
        assertEquals("[admin@MikroTik] /ip/mac-server> ", cli.prompt());
        cli.execute("/");
        assertEquals("[admin@MikroTik] > ", cli.prompt());
        cli.execute("/ip/mac-server/binding");
        assertEquals("[admin@MikroTik] /ip/mac-server/binding> ", cli.prompt());
        cli.execute("/system identity set name=R1");
        assertEquals("[admin@R1] /ip/mac-server/binding> ", cli.prompt());
    }

    @Test
    void abbreviationsOfMenusCommandsAndProperties() {
        assertEquals("", cli.execute("/ip mac-server bind add mac=00:01:02:03:04:05 ser=alpha"));
        assertTrue(cli.execute("/ip mac-ser bind pri").contains("00:01:02:03:04:05"));
    }

    @Test
    void itemsByNumberNameIdAndFind() {
        cli.execute("/ip mac-server print");
        assertEquals("", cli.execute("/ip mac-server disable 0"));
        assertEquals("yes\n", cli.execute("/ip mac-server get alpha disabled"));
        assertEquals("", cli.execute("/ip mac-server enable *1"));
        assertEquals("no\n", cli.execute("/ip mac-server get 0 disabled"));
        assertEquals("", cli.execute("/ip mac-server set [find where name~\"^b\"] max-sessions=3"));
        assertEquals("3\n", cli.execute("/ip mac-server get beta max-sessions"));
        assertEquals("", cli.execute("/ip mac-server set 0,1 idle-timeout=1h30m"));
        assertEquals("1h30m\n", cli.execute("/ip mac-server get alpha idle-timeout"));
        assertEquals("", cli.execute("/ip mac-server unset beta max-sessions"));
        assertEquals("20\n", cli.execute("/ip mac-server get beta max-sessions"));
        assertEquals("", cli.execute("/ip mac-server set beta !comment"));
        assertEquals("\n", cli.execute("/ip mac-server get beta comment"));
    }

    @Test
    void macAddressesInEverySpelling() {
        String[] spellings = {"00:01:02:03:04:0a", "00-01-02-03-04-0B", "0001.0203.040c", "00010203040D"};
        for (String s : spellings) {
            assertEquals("", cli.execute("/ip mac-server binding add mac-address=" + s + " server=alpha"), s);
        }
        String print = cli.execute("/ip mac-server binding print terse");
        for (String printed : List.of("00:01:02:03:04:0A", "00:01:02:03:04:0B", "00:01:02:03:04:0C", "00:01:02:03:04:0D")) {
            assertTrue(print.contains("mac-address=" + printed), print);
        }
        assertEquals("", cli.execute("/ip mac-server binding remove 00-01-02-03-04-0a"));
        assertEquals("3\n", cli.execute("/ip mac-server binding print count-only"));
    }

    @Test
    void printVariants() {
        String table = cli.execute("/ip mac-server print");
        assertTrue(table.startsWith("Flags: X - DISABLED; * - DEFAULT\nColumns: NAME"), table);
        assertTrue(table.contains(";;; second one"), table);
        assertTrue(cli.execute("/ip mac-server print detail").contains("name=\"alpha\""));
        assertEquals(" 0   name=alpha\n 1   comment=\"second one\" name=beta\n",
                cli.execute("/ip mac-server print terse proplist=name"));
        assertEquals("2\n", cli.execute("/ip mac-server print count-only"));
        assertTrue(cli.execute("/ip mac-server print where name=beta").contains("beta"));
        assertTrue(!cli.execute("/ip mac-server print where name=beta").contains("alpha"));
        assertTrue(cli.execute("/system identity print").contains("name: MikroTik"));
        assertTrue(cli.execute("/ip mac-server print show-ids").contains("*2"));
    }

    @Test
    void durationsPrintCompactly() {
        cli.execute("/ip mac-server set alpha idle-timeout=90 lockout-time=00:10:00");
        assertEquals("1m30s\n", cli.execute("/ip mac-server get alpha idle-timeout"));
        assertEquals("10m\n", cli.execute("/ip mac-server get alpha lockout-time"));
    }

    @Test
    void completionOffersMenusCommandsPropertiesAndValues() {
        assertTrue(cli.complete("/ip mac").contains("mac-server"));
        assertTrue(cli.complete("/ip mac-server b").contains("binding"));
        assertTrue(cli.complete("/ip mac-server pr").contains("print"));
        assertTrue(cli.complete("/ip mac-server add def").contains("default"));
        assertTrue(cli.complete("/ip mac-server add allowed").contains("allowed-interface-list="));
        assertTrue(cli.complete("/ip mac-server add allowed-interface-list=").contains("allowed-interface-list=all"));
        assertTrue(cli.complete("/ip mac-server binding add server=").contains("server=alpha"));
        assertTrue(cli.complete("/ip mac-server set ").contains("beta"));
        assertTrue(cli.complete("/ip/mac").contains("/ip/mac-server"));
        assertTrue(cli.help("/ip mac-server ").contains("binding"));
        assertTrue(cli.help("/ip mac-server add").contains("name="));
    }

    @Test
    void quitEndsTheSession() {
        cli.execute("/quit");
        assertTrue(cli.quitRequested());
    }
}
