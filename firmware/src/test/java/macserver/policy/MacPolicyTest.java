package macserver.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Menu;
import macserver.config.Plane;
import macserver.mactelnet.Admission;
import macserver.mactelnet.DropReason;
import macserver.mactelnet.MacService;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

class MacPolicyTest {
    private static final long BOUND = 0x000102030405L;
    private static final long OTHER = 0x0A0B0C0D0E0FL;
    private static final int ETHER1 = 3;
    private static final int ETHER2 = 4;

    private final TestModels.Clocked t = TestModels.fresh();
    private final CliSession cli = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);
    private final MacPolicy policy = new MacPolicy(t.model, Map.of("ether1", ETHER1, "ether2", ETHER2));

    /** The server id admitted, or the drop reason. */
    private Object decide(long mac, int ifIndex, MacService service) {
        long a = policy.admit(mac, mac, ifIndex, service);
        return Admission.isDropped(a) ? Admission.reason(a) : (Object) Admission.serverId(a);
    }

    private int id(String server) {
        Menu m = t.model.schema().menu("ip mac-server");
        return t.model.read(() -> t.model.idByName(m, server));
    }

    @Test
    void seedPolicyBindingThenDefaultThenDrop() {
        cli.execute("/ip mac-server add name=my-mac-server; /ip mac-server add name=guests");
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=my-mac-server");
        assertEquals(id("my-mac-server"), decide(BOUND, ETHER1, MacService.MAC_TELNET));
        assertEquals(DropReason.NO_DEFAULT_SERVER, decide(OTHER, ETHER1, MacService.MAC_TELNET));
        cli.execute("/ip mac-server set guests default");
        assertEquals(id("guests"), decide(OTHER, ETHER1, MacService.MAC_PING));
        assertEquals(id("my-mac-server"), decide(BOUND, ETHER1, MacService.MAC_PING));
    }

    @Test
    void denyAndDisabledBindingsDropEvenWithADefault() {
        cli.execute("/ip mac-server add name=s default");
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s action=deny");
        assertEquals(DropReason.DENY_BINDING, decide(BOUND, ETHER1, MacService.MAC_PING));
        cli.execute("/ip mac-server binding set 00:01:02:03:04:05 action=allow disabled=yes");
        assertEquals(DropReason.BINDING_DISABLED, decide(BOUND, ETHER1, MacService.MAC_PING));
        cli.execute("/ip mac-server binding enable 00:01:02:03:04:05");
        assertEquals(id("s"), decide(BOUND, ETHER1, MacService.MAC_PING));
        cli.execute("/ip mac-server binding remove 00:01:02:03:04:05");
        assertEquals(id("s"), decide(BOUND, ETHER1, MacService.MAC_PING));
    }

    @Test
    void aHeaderClaimingAnotherMacThanTheEthernetSourceIsDroppedAndCountedUnlessTheCheckIsOff() {
        cli.execute("/ip mac-server add name=s default");
        assertEquals(id("s"), Admission.serverId(policy.admit(BOUND, BOUND, ETHER1, MacService.MAC_TELNET)));
        long claimed = policy.admit(BOUND, OTHER, ETHER1, MacService.MAC_TELNET);
        assertEquals(DropReason.SOURCE_MISMATCH, Admission.reason(claimed), "a bound MAC claimed from another host");
        assertEquals("", cli.execute("/tool mac-server set source-mac-check=no"));
        assertFalse(Admission.isDropped(policy.admit(BOUND, OTHER, ETHER1, MacService.MAC_TELNET)),
                "behind a bridge that rewrites sources");
        assertEquals("", cli.execute("/tool mac-server set source-mac-check=yes"));
        assertTrue(Admission.isDropped(policy.admit(BOUND, OTHER, ETHER1, MacService.MAC_PING)));
        assertEquals(List.of("|source-mac-mismatch|2"), rows());
    }

    @Test
    void dropsAreCountedPerServerAndReason() {
        cli.execute("/ip mac-server add name=s; /ip mac-server add name=t mac-ping=no");
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s action=deny");
        decide(BOUND, ETHER1, MacService.MAC_TELNET);
        decide(BOUND, ETHER1, MacService.MAC_TELNET);
        decide(OTHER, ETHER1, MacService.MAC_TELNET);
        cli.execute("/ip mac-server set t default");
        decide(OTHER, ETHER1, MacService.MAC_PING);
        policy.drop(id("t"), DropReason.SERVER_FULL);
        assertEquals(List.of("|no-binding-no-default|1", "s|binding-denies|2", "t|service-off|1", "t|max-sessions|1"), rows());
        assertEquals(2, policy.server(id("s")).counters().drops());
        assertEquals(1, policy.server(id("t")).counters().drops(DropReason.SERVER_FULL));
    }

    private List<String> rows() {
        return policy.dropRows().stream().map(r -> r[0] + "|" + r[1] + "|" + r[2]).toList();
    }

    @Test
    void serverSwitchesAndToolGates() {
        cli.execute("/ip mac-server add name=s default");
        cli.execute("/ip mac-server set s mac-ping=no");
        assertEquals(DropReason.SERVICE_OFF, decide(OTHER, ETHER1, MacService.MAC_PING));
        assertEquals(id("s"), decide(OTHER, ETHER1, MacService.MAC_TELNET));
        cli.execute("/ip mac-server set s mac-ping=yes mac-telnet=no");
        assertEquals(DropReason.SERVICE_OFF, decide(OTHER, ETHER1, MacService.MAC_TELNET));
        cli.execute("/ip mac-server set s mac-telnet=yes; /tool mac-server ping set enabled=no");
        assertEquals(DropReason.PING_OFF, decide(OTHER, ETHER1, MacService.MAC_PING));
        assertEquals(id("s"), decide(OTHER, ETHER1, MacService.MAC_TELNET));
        cli.execute("/ip mac-server disable s");
        assertEquals(DropReason.SERVER_DISABLED, decide(OTHER, ETHER1, MacService.MAC_TELNET));
    }

    @Test
    void interfaceListsLimitWhereAServerAnswers() {
        cli.execute("/interface list add name=LAN; /interface list member add list=LAN interface=ether2");
        cli.execute("/ip mac-server add name=s default allowed-interface-list=LAN");
        assertEquals(DropReason.INTERFACE_NOT_ALLOWED, decide(OTHER, ETHER1, MacService.MAC_TELNET));
        assertEquals(id("s"), decide(OTHER, ETHER2, MacService.MAC_TELNET));
        cli.execute("/ip mac-server set s allowed-interface-list=all; /tool mac-server set allowed-interface-list=none");
        assertEquals(DropReason.INTERFACE_NOT_ALLOWED, decide(OTHER, ETHER2, MacService.MAC_TELNET));
        cli.execute("/tool mac-server set allowed-interface-list=LAN");
        assertEquals(id("s"), decide(OTHER, ETHER2, MacService.MAC_TELNET));
        cli.execute("/interface list member print");
        assertEquals("", cli.execute("/interface list member disable 0"));
        assertEquals(DropReason.INTERFACE_NOT_ALLOWED, decide(OTHER, ETHER2, MacService.MAC_TELNET));
    }

    @Test
    void countersCountPacketsAndDrops() {
        cli.execute("/ip mac-server add name=s default; /ip mac-server binding add mac-address=00:01:02:03:04:05 server=s action=deny");
        for (int i = 0; i < 3; i++) {
            decide(OTHER, ETHER1, MacService.MAC_PING);
            decide(BOUND, ETHER1, MacService.MAC_PING);
        }
        assertEquals(3, policy.server(id("s")).counters().packets());
        assertEquals(3, policy.server(id("s")).counters().drops());
    }

    @Test
    void retryOfTheBindingOverridesTheServer() {
        cli.execute("/ip mac-server add name=s default login-retry=5");
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s retry=2");
        ServerPolicy s = policy.server(id("s"));
        assertEquals(2, policy.loginRetry(BOUND, s));
        assertEquals(5, policy.loginRetry(OTHER, s));
    }

    @Test
    void decisionsStayRightWhileBindingsChangeConcurrently() throws Exception {
        cli.execute("/ip mac-server add name=s; /ip mac-server add name=other default");
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s");
        int s = id("s");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger wrong = new AtomicInteger();
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 50_000_000 && !stop.get(); i++) {
                if (Admission.serverId(policy.admit(BOUND, BOUND, ETHER1, MacService.MAC_TELNET)) != s) {
                    wrong.incrementAndGet();
                }
            }
        });
        reader.start();
        for (int round = 0; round < 30; round++) {
            cli.execute("/ip mac-server binding add mac-address=02:00:00:00:00:01 server=s");
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                many.append(String.format("/ip mac-server binding add mac-address=02:00:00:%02X:%02X:01 server=other;", round, i));
            }
            cli.execute(many.toString());
            cli.execute("/ip mac-server binding remove [find where server=other]");
            cli.execute("/ip mac-server binding remove 02:00:00:00:00:01");
        }
        stop.set(true);
        reader.join();
        assertEquals(0, wrong.get());
    }

    @Test
    void lockoutAfterRetriesUntilLockoutTimePasses() {
        LoginGuard guard = new LoginGuard(t.seconds::get, 1000);
        assertFalse(guard.failed(BOUND, 3, 60));
        assertFalse(guard.failed(BOUND, 3, 60));
        assertTrue(guard.failed(BOUND, 3, 60));
        assertTrue(guard.isLockedOut(BOUND));
        assertFalse(guard.isLockedOut(OTHER));
        t.seconds.addAndGet(61);
        assertFalse(guard.isLockedOut(BOUND));
        assertFalse(guard.failed(BOUND, 3, 60), "the count starts again after a lockout");
    }

    @Test
    void lockoutTableIsBounded() {
        LoginGuard guard = new LoginGuard(t.seconds::get, 100);
        for (long mac = 1; mac <= 10_000; mac++) {
            guard.failed(mac, 3, 60);
        }
        assertEquals(100, guard.size());
    }

    @Test
    void sessionRegistryHonoursMaxSessionsAndEnds() throws Exception {
        SessionRegistry r = new SessionRegistry(t.seconds::get);
        AtomicInteger ended = new AtomicInteger();
        int a = r.open(1, 2, BOUND, "ether1", "admin", ended::incrementAndGet);
        int b = r.open(1, 2, OTHER, "ether1", "admin", ended::incrementAndGet);
        assertEquals(-1, r.open(1, 2, OTHER, "ether1", "admin", ended::incrementAndGet));
        assertTrue(r.open(2, 2, OTHER, "ether1", "admin", () -> { }) > 0);
        assertEquals(2, r.count(1));
        r.end(a);
        assertEquals(1, ended.get());
        assertEquals(1, r.count(1));
        r.close(b);
        assertEquals(0, r.count(1));
        assertEquals(1, r.rows(id -> "s" + id).size());
    }
}
