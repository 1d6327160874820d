package macserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import macserver.config.Plane;
import macserver.config.menus.LiveStatus;
import macserver.system.NeighborTable;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Text from the wire (a neighbour's identity) is escaped in every print layout. */
class PrintEscapesTest {
    private static final String EVIL = "evil\u001b[2J\u001b[31m\u0007\r\n\u202e";
    private CliSession cli;

    @BeforeEach
    void setUp() {
        TestModels.Clocked m = TestModels.fresh();
        NeighborTable table = new NeighborTable(m.seconds::get, 10, 3600);
        table.seen(new NeighborTable.Entry("ether1", 0x0001_0203_0405L, EVIL, "Mikro\u009bTik", "7.1", "x",
                "ABCD", "ether\u00071", "", 10, m.seconds.get()));
        m.live.report(new LiveStatus.MacServerFigures() {
            @Override
            public List<Object[]> neighbors() {
                return table.rows();
            }
        });
        cli = new ModelCliSessions(m.model, "test").open("admin", Plane.STDIO);
    }

    @Test
    void everyLayoutEscapes() {
        for (String layout : List.of("", " detail", " terse", " as-value", " without-paging")) {
            String out = cli.execute("/ip neighbor print" + layout);
            assertClean(out);
            assertTrue(out.contains("evil\\1B[2J\\1B[31m\\07\\r\\n\\E2\\80\\AE"), layout + ":\n" + out);
        }
        assertClean(cli.execute("/ip neighbor get 0 identity"));
        assertClean(cli.execute("/ip neighbor print where identity~\"evil\""));
    }

    private static void assertClean(String out) {
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            assertFalse((c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0) || c == '\u202e',
                    "raw control character " + (int) c + " in:\n" + out);
        }
    }
}
