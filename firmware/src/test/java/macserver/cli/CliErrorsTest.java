package macserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error the CLI reports, in RouterOS wording, and that a failed command changes nothing. */
class CliErrorsTest {
    private CliSession cli;

    @BeforeEach
    void setUp() {
        cli = new ModelCliSessions(TestModels.fresh().model, "test").open("admin", Plane.STDIO);
        assertEquals("", cli.execute("/ip mac-server add name=s1"));
    }

    private String export() {
        return cli.execute("/export").lines().skip(1).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void unknownArgumentIsExpectedEndOfCommandWithColumn() {
        String line = "/ip mac-server add name=s2 colour=red";
        assertEquals("expected end of command (line 1 column " + (line.indexOf("colour") + 1) + ")\n", cli.execute(line));
    }

    @Test
    void unknownCommandIsBadCommandName() {
        assertEquals("bad command name frobnicate (line 1 column 16)\n", cli.execute("/ip mac-server frobnicate"));
        assertEquals("bad command name nosuch (line 1 column 5)\n", cli.execute("/ip/nosuch/print"));
    }

    @Test
    void referenceToMissingServerDoesNotMatchAnyValue() {
        assertEquals("input does not match any value of server\n",
                cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=nope"));
    }

    @Test
    void enumValueMismatchAndAmbiguity() {
        assertEquals("input does not match any value of action\n",
                cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s1 action=maybe"));
        assertEquals("", cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s1 action=d"));
        assertTrue(cli.execute("/ip mac-server binding print detail").contains("action=deny"));
    }

    @Test
    void noSuchItem() {
        assertEquals("no such item\n", cli.execute("/ip mac-server set nosuch disabled=yes"));
        assertEquals("no such item\n", cli.execute("/ip mac-server remove *FF"));
        assertEquals("no such item\n", cli.execute("/ip mac-server remove 7"));
    }

    @Test
    void duplicateNameIsAlreadyHaveSuchName() {
        assertEquals("failure: already have such name\n", cli.execute("/ip mac-server add name=s1"));
        assertEquals("", cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s1"));
        assertEquals("failure: already have such entry\n",
                cli.execute("/ip mac-server binding add mac-address=00-01-02-03-04-05 server=s1"));
    }

    @Test
    void invalidValuesAreRefused() {
        assertTrue(cli.execute("/ip mac-server set s1 max-sessions=abc").startsWith("invalid value for argument max-sessions"));
        assertTrue(cli.execute("/ip mac-server set s1 max-sessions=0").startsWith("value of max-sessions out of range"));
        assertTrue(cli.execute("/ip mac-server set s1 idle-timeout=1x").startsWith("invalid value for argument idle-timeout"));
        assertEquals("invalid value for argument mac-address (multicast address)\n",
                cli.execute("/ip mac-server binding add mac-address=01:00:5e:00:00:01 server=s1"));
        assertEquals("invalid value for argument mac-address (broadcast address)\n",
                cli.execute("/ip mac-server binding add mac-address=ff:ff:ff:ff:ff:ff server=s1"));
        assertEquals("invalid value for argument mac-address (all-zero address)\n",
                cli.execute("/ip mac-server binding add mac-address=000000000000 server=s1"));
    }

    @Test
    void missingRequiredProperty() {
        assertEquals("failure: server must be set\n", cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05"));
    }

    @Test
    void syntaxErrors() {
        String line = "/ip mac-server add name=\"unterminated";
        assertEquals("syntax error (line 1 column " + (line.indexOf('"') + 1) + ")\n", cli.execute(line));
        assertTrue(cli.execute("/ip mac-server print where (name=s1").startsWith("syntax error"));
        assertTrue(cli.execute("/ip mac-server remove [find").startsWith("syntax error"));
    }

    @Test
    void removingAServerInUseSaysHowManyBindingsUseIt() {
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s1");
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:06 server=s1");
        assertEquals("failure: server s1 is used by 2 bindings\n", cli.execute("/ip mac-server remove s1"));
        assertTrue(cli.execute("/ip mac-server print").contains("s1"));
    }

    @Test
    void failedCommandChangesNothing() {
        cli.execute("/ip mac-server add name=s2");
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s2");
        String before = export();
        // The first item would be removable, the second is in use: nothing may be removed.
        assertTrue(cli.execute("/ip mac-server remove [find]").startsWith("failure: server s2 is used by 1 binding"));
        assertEquals(before, export());
        // One good and one bad value in one set: neither applies.
        assertTrue(cli.execute("/ip mac-server set s1 comment=x max-sessions=99999").startsWith("value of max-sessions"));
        assertEquals(before, export());
    }

    @Test
    void oneDefaultServerAtMost() {
        cli.execute("/ip mac-server add name=s2");
        cli.execute("/ip mac-server set s1 default");
        cli.execute("/ip mac-server set s2 default=yes");
        assertEquals("*2\n", cli.execute("/ip mac-server find default"));
        assertEquals("1\n", cli.execute("/ip mac-server print count-only where default"));
    }

    @Test
    void readGroupCannotChangeAnything() {
        cli.execute("/user add name=viewer group=read password=pw");
        CliSession viewer = new ModelCliSessions(((ModelCliSession) cli).model(), "test").open("viewer", Plane.STDIO);
        assertEquals("not enough permissions (9)\n", viewer.execute("/ip mac-server add name=s9"));
        assertEquals("not enough permissions (9)\n", viewer.execute("/system reset-configuration"));
        assertTrue(viewer.execute("/ip mac-server print").contains("s1"));
        CliSession writer = new ModelCliSessions(((ModelCliSession) cli).model(), "test").open("admin", Plane.STDIO);
        writer.execute("/user add name=w group=write password=pw");
        CliSession w = new ModelCliSessions(((ModelCliSession) cli).model(), "test").open("w", Plane.STDIO);
        assertEquals("", w.execute("/ip mac-server add name=s9"));
        assertEquals("not enough permissions (9)\n", w.execute("/user add name=x group=full password=y"));
    }

    @Test
    void internalErrorsNeverEscape() {
        for (String junk : new String[] {"", ";;;", "[", "]", "\"", "!", "= =", "/ip mac-server set [find] !", "/..",
                "where", "print where", "/ip mac-server print proplist=nosuch", "\u0000\u0001", "/ip mac-server get",
                "/system resource get uptime", "/ip mac-server print from=*99"}) {
            String out = cli.execute(junk);
            assertTrue(!out.contains("internal error"), junk + " -> " + out);
        }
    }
}
