package macserver.system.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing what the tools printed in the reference runs (outputs copied from those runs). */
class MndpTest {
    @Test
    void readsTheCsvRowsAndSkipsHeadingAndMessages() {
        String output = """
                Searching for MikroTik routers... Abort with CTRL+C.
                MAC-Address,Identity,Platform,Version,Hardware,Uptime,Softid,Ifname,IP
                '1a:fe:71:69:ea:96','vm','Linux','6.18.44-fc-v669','x86_64','2991','MAC-Telnet','ether1','10.77.0.1'
                '02:00:00:00:00:02','my router','MikroTik','7.15.3 (stable)','RB5009','60','ABCD-1234','bridge','192.0.2.9'
                """;
        List<Mndp.Neighbour> neighbours = Mndp.parseBatch(output);
        assertEquals(List.of(
                new Mndp.Neighbour("1a:fe:71:69:ea:96", "vm", "Linux", "6.18.44-fc-v669", "x86_64", "2991", "MAC-Telnet", "ether1", "10.77.0.1"),
                new Mndp.Neighbour("02:00:00:00:00:02", "my router", "MikroTik", "7.15.3 (stable)", "RB5009", "60", "ABCD-1234", "bridge", "192.0.2.9")),
                neighbours);
    }

    @Test
    void readsTheTableWithAndWithoutTheOptionalParts() {
        String output = "\n\u001b[1mIP              MAC-Address       Identity (platform version hardware) uptime\u001b[m\n"
                + "10.77.0.1       1a:fe:71:69:ea:96 vm (Linux 6.18.44-fc-v669 x86_64)  up 0 days 0 hours  MAC-Telnet ether1\n"
                + "192.0.2.1       2:0:0:0:0:2       bare identity\n";
        List<Mndp.Neighbour> neighbours = Mndp.parseTable(output);
        assertEquals(2, neighbours.size());
        assertEquals(new Mndp.Neighbour("1a:fe:71:69:ea:96", "vm", "Linux", "6.18.44-fc-v669", "x86_64", "0 days 0 hours",
                "MAC-Telnet", "ether1", "10.77.0.1"), neighbours.get(0));
        assertEquals("bare identity", neighbours.get(1).identity());
        assertEquals("", neighbours.get(1).platform());
    }

    @Test
    void comparesMacsWithAndWithoutZeroPadding() {
        assertTrue(Mndp.sameMac("c6:f3:5b:2:5e:48", "c6:f3:5b:02:5e:48"));
        assertFalse(Mndp.sameMac("c6:f3:5b:2:5e:48", "c6:f3:5b:02:5e:49"));
        assertFalse(Mndp.sameMac("not a mac", "c6:f3:5b:02:5e:49"));
        assertFalse(Mndp.sameMac("zz:f3:5b:02:5e:49", "c6:f3:5b:02:5e:49"));
    }
}
