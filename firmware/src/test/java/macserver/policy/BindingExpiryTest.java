package macserver.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

class BindingExpiryTest {
    @Test
    void timedBindingDisappearsWhenItsTimeoutEndsAndOthersStay() throws Exception {
        TestModels.Clocked t = TestModels.fresh();
        BindingExpiry expiry = new BindingExpiry(t.model);
        CliSession cli = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);
        cli.execute("/ip mac-server add name=s");
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s timeout=1m");
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:06 server=s");
        assertTrue(cli.execute("/ip mac-server binding print").contains("1m"));
        t.seconds.addAndGet(30);
        assertEquals(0, expiry.expireDue());
        assertEquals("30s\n", cli.execute("/ip mac-server binding get 00:01:02:03:04:05 expires-after"));
        t.seconds.addAndGet(30);
        assertEquals(1, expiry.expireDue());
        String print = cli.execute("/ip mac-server binding print");
        assertTrue(!print.contains("00:01:02:03:04:05") && print.contains("00:01:02:03:04:06"), print);
    }

    @Test
    void changingTheTimeoutRestartsItAndUnsettingMakesThePermanent() throws Exception {
        TestModels.Clocked t = TestModels.fresh();
        BindingExpiry expiry = new BindingExpiry(t.model);
        CliSession cli = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);
        cli.execute("/ip mac-server add name=s");
        cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:05 server=s timeout=10s");
        t.seconds.addAndGet(5);
        cli.execute("/ip mac-server binding set 00:01:02:03:04:05 timeout=20s");
        t.seconds.addAndGet(10);
        assertEquals(0, expiry.expireDue());
        cli.execute("/ip mac-server binding unset 00:01:02:03:04:05 timeout");
        t.seconds.addAndGet(1000);
        assertEquals(0, expiry.expireDue());
        assertEquals("1\n", cli.execute("/ip mac-server binding print count-only"));
    }
}
