package macserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Menu;
import macserver.config.Plane;
import macserver.config.menus.IotMenus;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** /iot mqtt brokers and /iot mqtt agent through the console. */
class IotMenusTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final CliSession console = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);

    @Test
    void thePasswordIsWriteOnlyAndSealed() {
        assertEquals("", console.execute("/iot mqtt brokers add name=b address=10.0.0.1 username=r1 password=pw-1234"));
        Menu brokers = t.model.schema().menu("iot mqtt brokers");
        Object[] row = t.model.read(() -> t.model.table(brokers).get(1));
        assertNull(row[brokers.property("password").index()]);
        byte[] sealed = (byte[]) row[brokers.property("sealed-password").index()];
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("pw-1234"));
        assertArrayEquals("pw-1234".getBytes(StandardCharsets.UTF_8), t.model.read(() -> IotMenus.brokerPassword(t.model, row)));
        String export = console.execute("/export");
        assertTrue(export.contains("/iot mqtt brokers\nadd address=10.0.0.1 name=b username=r1")
                || export.contains("add name=b address=10.0.0.1 username=r1"), export);
        assertFalse(export.contains("pw-1234") || export.contains("password"), export);
        assertFalse(console.execute("/iot mqtt brokers print detail").contains("pw-1234"));
    }

    @Test
    void theAgentIsOffWithoutAUserInANewRouterAndExportShowsItsSettings() {
        String print = console.execute("/iot mqtt agent print");
        assertTrue(print.contains("enabled: no"), print);
        assertTrue(print.matches("(?s).*user: *\\n.*"), print);
        console.execute("/iot mqtt brokers add name=b address=10.0.0.1");
        assertEquals("", console.execute("/iot mqtt agent set enabled=yes broker=b user=admin topic-prefix=rtr/v1/x"));
        assertTrue(console.execute("/export").contains("/iot mqtt agent\nset enabled=yes broker=b topic-prefix=rtr/v1/x user=admin"),
                console.execute("/export"));
        assertEquals("input does not match any value of broker\n", console.execute("/iot mqtt agent set broker=nope"));
    }
}
