package macserver.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Menu;
import macserver.config.Plane;
import macserver.config.menus.BindingTable;
import macserver.config.menus.RadiusMenus;
import macserver.mactelnet.Admission;
import macserver.mactelnet.DropReason;
import macserver.mactelnet.MacService;
import macserver.radius.RadiusAttribute;
import macserver.radius.RadiusCodec;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The /radius menu, the MAC server's RADIUS settings and dynamic bindings, against a scripted server on loopback. */
class RadiusBindingsTest {
    private static final String SECRET = "bindings-test-secret";
    private static final long ACCEPTED = 0x000102030405L;
    private static final long REJECTED = 0x0A0B0C0D0E0FL;

    private final TestModels.Clocked t = TestModels.fresh();
    private final CliSession cli = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);
    private final MacPolicy policy = new MacPolicy(t.model, Map.of("ether1", 3));

    /** The server id admitted, or the drop reason. */
    private Object decide(long mac, int ifIndex, MacService service) {
        long a = policy.admit(mac, mac, ifIndex, service);
        return Admission.isDropped(a) ? Admission.reason(a) : (Object) Admission.serverId(a);
    }
    private final AtomicInteger requests = new AtomicInteger();
    private final DatagramSocket server;
    private final RadiusBindings radius;

    RadiusBindingsTest() throws Exception {
        server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(this::serve);
        radius = new RadiusBindings(t.model, policy.knocks(), new RadiusServers(t.model));
    }

    /** Accepts "00:01:02:03:04:05" with Session-Timeout 120, rejects everything else. */
    private void serve() {
        byte[] buffer = new byte[4096];
        while (!server.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                server.receive(in);
                requests.incrementAndGet();
                byte[] request = Arrays.copyOf(buffer, in.getLength());
                String user = new String(request, 40, request[39] - 2, StandardCharsets.US_ASCII);
                boolean ok = user.equals("00:01:02:03:04:05");
                byte[] out = RadiusCodec.encodeResponse(ok ? 2 : 3, request[1] & 0xff, Arrays.copyOfRange(request, 4, 20),
                        SECRET.getBytes(StandardCharsets.US_ASCII),
                        ok ? List.of(RadiusAttribute.integer(RadiusAttribute.SESSION_TIMEOUT, 120)) : List.of(), true);
                server.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
            } catch (Exception e) {
                return;
            }
        }
    }

    @AfterEach
    void stop() {
        radius.close();
        server.close();
    }

    private void configure(String fallback) {
        cli.execute("/radius add address=127.0.0.1 authentication-port=" + server.getLocalPort()
                + " secret=" + SECRET + " service=mac-server timeout=200ms");
        cli.execute("/ip mac-server add name=radius-macs default=yes radius-mac-auth=yes radius-fallback=" + fallback);
    }

    private int bindingOf(long mac) throws InterruptedException {
        Menu m = t.model.schema().menu("ip mac-server binding");
        for (int i = 0; i < 250; i++) {
            int id = t.model.read(() -> ((BindingTable) t.model.table(m)).idOfMac(mac));
            if (id >= 0) {
                return id;
            }
            Thread.sleep(20);
        }
        return -1;
    }

    @Test
    void secretIsWriteOnlyAndSealed() {
        configure("deny");
        Menu m = t.model.schema().menu("radius");
        Object[] row = t.model.read(() -> t.model.table(m).get(t.model.table(m).ids().iterator().next()));
        assertNull(row[m.property("secret").index()]);
        assertFalse(new String((byte[]) row[m.property("sealed-secret").index()], StandardCharsets.ISO_8859_1).contains(SECRET));
        assertEquals(SECRET, new String(t.model.read(() -> RadiusMenus.secret(t.model, row)), StandardCharsets.UTF_8));
        assertFalse(cli.execute("/radius print detail").contains(SECRET));
        assertTrue(cli.execute("/radius add address=not-an-ip secret=x").contains("invalid value"));
        assertTrue(cli.execute("/radius add address=127.0.0.1 timeout=5").contains("out of range"));
    }

    @Test
    void acceptMakesADynamicBindingWithTheSessionTimeout() throws Exception {
        configure("deny");
        int serverId = t.model.read(() -> t.model.idByName(t.model.schema().menu("ip mac-server"), "radius-macs"));
        for (int i = 0; i < 100; i++) {
            assertEquals(DropReason.RADIUS_PENDING, decide(ACCEPTED, 3, MacService.MAC_TELNET));
        }
        int id = bindingOf(ACCEPTED);
        assertTrue(id >= 0, "no binding after Access-Accept");
        assertEquals(serverId, decide(ACCEPTED, 3, MacService.MAC_TELNET));
        Menu m = t.model.schema().menu("ip mac-server binding");
        Object[] row = t.model.read(() -> t.model.table(m).get(id));
        assertEquals(true, row[m.property("dynamic").index()]);
        assertEquals(120L, row[m.property("timeout").index()]);
        assertTrue(cli.execute("/ip mac-server binding print").contains("D"));
        assertEquals(1, requests.get(), "100 knocks, one request");
    }

    @Test
    void rejectMakesNoBindingAndIsCached() throws Exception {
        configure("deny");
        assertEquals(DropReason.RADIUS_PENDING, decide(REJECTED, 3, MacService.MAC_TELNET));
        for (int i = 0; i < 50 && requests.get() == 0; i++) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        for (int i = 0; i < 100; i++) {
            assertEquals(DropReason.RADIUS_PENDING, decide(REJECTED, 3, MacService.MAC_TELNET));
        }
        Thread.sleep(200);
        assertEquals(1, requests.get());
        assertEquals(-1, t.model.read(() -> ((BindingTable) t.model.table(t.model.schema().menu("ip mac-server binding")))
                .idOfMac(REJECTED)));
    }

    @Test
    void fallbackAllowBindsWhenNoServerAnswers() throws Exception {
        server.close();
        configure("allow");
        assertEquals(DropReason.RADIUS_PENDING, decide(REJECTED, 3, MacService.MAC_TELNET));
        assertTrue(bindingOf(REJECTED) >= 0, "fallback=allow binds when RADIUS is down");
    }
}
