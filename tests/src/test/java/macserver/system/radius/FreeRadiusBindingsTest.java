package macserver.system.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Menu;
import macserver.config.Plane;
import macserver.config.menus.BindingTable;
import macserver.mactelnet.Admission;
import macserver.mactelnet.DropReason;
import macserver.mactelnet.MacService;
import macserver.policy.MacPolicy;
import macserver.policy.RadiusBindings;
import macserver.policy.RadiusServers;
import macserver.system.peers.FreeRadius;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** The configured firmware model (/radius, radius-mac-auth) making dynamic bindings from a real FreeRADIUS. */
class FreeRadiusBindingsTest {
    private static final String SECRET = "bindings-freeradius-secret";

    @Test
    void acceptedMacGetsABindingWithTheSessionTimeoutAndRejectedNone() throws Exception {
        try (FreeRadius radius = FreeRadius.start(SECRET, List.of(
                new FreeRadius.User("00-01-02-03-04-05", "00-01-02-03-04-05", List.of("Session-Timeout = 3600"))))) {
            TestModels.Clocked t = TestModels.fresh();
            CliSession cli = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);
            MacPolicy policy = new MacPolicy(t.model, Map.of("ether1", 3));
            try (RadiusBindings bindings = new RadiusBindings(t.model, policy.knocks(), new RadiusServers(t.model))) {
                cli.execute("/radius add address=127.0.0.1 authentication-port=" + radius.address().getPort()
                        + " secret=" + SECRET + " service=mac-server");
                cli.execute("/ip mac-server add name=radius-macs default=yes radius-mac-auth=yes"
                        + " radius-mac-format=XX-XX-XX-XX-XX-XX");
                long accepted = 0x000102030405L;
                long rejected = 0x0A0B0C0D0E0FL;
                assertEquals(DropReason.RADIUS_PENDING, Admission.reason(policy.admit(accepted, accepted, 3, MacService.MAC_TELNET)));
                assertEquals(DropReason.RADIUS_PENDING, Admission.reason(policy.admit(rejected, rejected, 3, MacService.MAC_TELNET)));
                Menu m = t.model.schema().menu("ip mac-server binding");
                BindingTable table = (BindingTable) t.model.table(m);
                int id = -1;
                for (int i = 0; i < 250 && id < 0; i++) {
                    Thread.sleep(20);
                    id = t.model.read(() -> table.idOfMac(accepted));
                }
                assertTrue(id >= 0, radius.logText());
                int bindingId = id;
                Object[] row = t.model.read(() -> table.get(bindingId));
                assertEquals(3600L, row[m.property("timeout").index()]);
                assertEquals(true, row[m.property("dynamic").index()]);
                assertFalse(Admission.isDropped(policy.admit(accepted, accepted, 3, MacService.MAC_TELNET)));
                Thread.sleep(1500); // FreeRADIUS answers rejects after its one-second reject_delay
                assertEquals(-1, t.model.read(() -> table.idOfMac(rejected)));
                assertEquals(2, radius.requests());
            }
        }
    }
}
