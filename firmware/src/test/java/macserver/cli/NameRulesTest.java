package macserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** Names that would be read as another item, and text that would deceive a reader, are refused. */
class NameRulesTest {
    private final CliSession cli = new ModelCliSessions(TestModels.fresh().model, "test").open("admin", Plane.STDIO);

    @Test
    void aNameMustNotReadAsAnIdANumberOrACommand() {
        for (String name : new String[] {"\"*1\"", "0", "17", "\"[find]\""}) {
            assertEquals("invalid value for argument name (a name must not read as an item id, number or command)\n",
                    cli.execute("/ip mac-server add name=" + name), name);
            assertTrue(cli.execute("/user add group=read password=x name=" + name).startsWith("invalid value"), name);
        }
        assertEquals("", cli.execute("/ip mac-server add name=s0"));
        assertEquals("0\n", cli.execute("/ip mac-server print count-only where name=0"));
    }

    @Test
    void bidiControlsAreRefusedInAnyText() {
        assertEquals("invalid value for argument name (bidirectional control character)\n",
                cli.execute("/ip mac-server add name=\"a\u202eb\""));
        assertEquals("", cli.execute("/ip mac-server add name=s1"));
        assertEquals("invalid value for argument comment (bidirectional control character)\n",
                cli.execute("/ip mac-server set s1 comment=\"x\u2066\""));
    }
}
