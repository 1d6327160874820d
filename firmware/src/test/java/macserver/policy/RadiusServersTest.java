package macserver.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Plane;
import macserver.config.menus.LiveStatus;
import macserver.radius.AccessRequest;
import macserver.radius.RadiusAttribute;
import macserver.radius.RadiusStatistics;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** The /radius entries as clients per service, and /radius monitor over their counters. */
class RadiusServersTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final CliSession cli = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);
    private final RadiusServers servers = new RadiusServers(t.model);

    private static int deadPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    @Test
    void eachServiceGetsItsEnabledEntriesInOrder() {
        cli.execute("/radius add address=127.0.0.1 secret=a service=mac-server authentication-port=1001");
        cli.execute("/radius add address=127.0.0.2 secret=b service=login,mac-server authentication-port=1002");
        cli.execute("/radius add address=127.0.0.3 secret=c service=login authentication-port=1003 disabled=yes");
        cli.execute("/radius add address=127.0.0.4 service=login authentication-port=1004");
        assertEquals(List.of(1001, 1002), servers.client(RadiusServers.MAC_SERVER).servers().stream()
                .map(s -> s.address().getPort()).toList());
        assertEquals(List.of(1002), servers.client(RadiusServers.LOGIN).servers().stream()
                .map(s -> s.address().getPort()).toList(), "disabled and secret-less entries are skipped");
    }

    @Test
    void countersOutliveEachClientAndShowInMonitor() throws Exception {
        t.live.report(new LiveStatus.MacServerFigures() {
            @Override
            public RadiusStatistics radius(int id) {
                return servers.statistics(id);
            }
        });
        cli.execute("/radius add address=127.0.0.1 secret=s service=login timeout=100ms authentication-port=" + deadPort());
        AccessRequest request = new AccessRequest(List.of(RadiusAttribute.text(RadiusAttribute.USER_NAME, "u")), null);
        assertTrue(servers.client(RadiusServers.LOGIN).authenticate(request).isEmpty());
        assertTrue(servers.client(RadiusServers.LOGIN).authenticate(request).isEmpty());
        int id = t.model.read(() -> t.model.table(t.model.schema().menu("radius")).ids().iterator().next());
        assertSame(servers.statistics(id), servers.statistics(id));
        assertEquals(2, servers.statistics(id).requests());
        assertEquals(2, servers.statistics(id).timeouts());
        cli.execute("/radius print");
        String shown = cli.execute("/radius monitor 0 once");
        assertEquals("""
                           pending: 0
                          requests: 2
                           accepts: 0
                           rejects: 0
                           resends: %d
                          timeouts: 2
                       bad-replies: 0
                  last-request-rtt: 0ms
                """.formatted(servers.statistics(id).resends()), shown);
        assertEquals(shown, cli.execute("/radius monitor [find]"));
        assertTrue(cli.execute("/radius monitor").contains("missing value"));
        assertTrue(cli.execute("/radius monitor 0 twice").contains("expected end of command"));
    }

    @Test
    void aRemovedEntryTakesItsCountersAlong() throws Exception {
        cli.execute("/radius add address=127.0.0.1 secret=s service=login timeout=100ms authentication-port=" + deadPort());
        servers.client(RadiusServers.LOGIN).authenticate(
                new AccessRequest(List.of(RadiusAttribute.text(RadiusAttribute.USER_NAME, "u")), null));
        cli.execute("/radius remove [find]");
        cli.execute("/radius add address=127.0.0.1 secret=s service=login");
        int id = t.model.read(() -> t.model.table(t.model.schema().menu("radius")).ids().iterator().next());
        assertEquals(0, servers.statistics(id).requests());
    }
}
