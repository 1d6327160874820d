package macserver.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Plane;
import macserver.policy.BindingExpiry;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NftSyncTest {
    private static final SetName ALLOW = new SetName("macserver", "allowed");
    private static final SetName DENY = new SetName("macserver", "denied");
    private static final String A = "02:00:00:00:00:0a", B = "02:00:00:00:00:0b";

    private TestModels.Clocked t;
    private FakeNft nft;
    private NftSync sync;
    private CliSession cli;

    @BeforeEach
    void setUp() throws Exception {
        t = TestModels.fresh();
        nft = new FakeNft();
        sync = new NftSync(t.model, t.live, nft);
        cli = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);
        cli.execute("/ip mac-server add name=s nft-table=macserver nft-allow-set=allowed nft-deny-set=denied");
    }

    private String status() throws Exception {
        return cli.execute("/ip mac-server get s nft-status").strip();
    }

    @Test
    void withoutATableNothingIsAskedOfNftAndTheStatusIsOff() throws Exception {
        cli.execute("/ip mac-server add name=plain");
        cli.execute("/ip mac-server remove s");
        cli.execute("/ip mac-server binding add mac-address=" + A + " server=plain");
        assertEquals(0, sync.sync());
        assertEquals(0, nft.lists);
        assertEquals("off", cli.execute("/ip mac-server get plain nft-status").strip());
    }

    @Test
    void createsTheSetsAndFillsThemByAction() throws Exception {
        cli.execute("/ip mac-server binding add mac-address=" + A + " server=s");
        cli.execute("/ip mac-server binding add mac-address=" + B + " server=s action=deny");
        cli.execute("/ip mac-server binding add mac-address=02:00:00:00:00:0c server=s disabled=yes");
        assertEquals(2, sync.sync());
        assertEquals(Set.of(A), nft.elements.get(ALLOW));
        assertEquals(Set.of(B), nft.elements.get(DENY));
        assertEquals("ether_addr", nft.types.get(ALLOW));
        assertEquals("in-sync allow=1 deny=1", status());
        String print = cli.execute("/ip mac-server print detail");
        assertTrue(print.contains("nft-status=\"in-sync allow=1 deny=1\""), print);
    }

    @Test
    void removalsAndExpiryLeaveTheSetInOneBatchPerSync() throws Exception {
        BindingExpiry expiry = new BindingExpiry(t.model);
        cli.execute("/ip mac-server binding add mac-address=" + A + " server=s timeout=1m");
        cli.execute("/ip mac-server binding add mac-address=" + B + " server=s");
        sync.sync();
        t.seconds.addAndGet(60);
        assertEquals(1, expiry.expireDue());
        cli.execute("/ip mac-server binding set " + B + " action=deny");
        int before = nft.batches.size();
        sync.sync();
        assertEquals(before + 1, nft.batches.size());
        assertEquals(Set.of(), nft.elements.get(ALLOW));
        assertEquals(Set.of(B), nft.elements.get(DENY));
    }

    @Test
    void aHandMadeChangeIsRepairedByTheNextSync() throws Exception {
        cli.execute("/ip mac-server binding add mac-address=" + A + " server=s");
        sync.sync();
        nft.elements.get(ALLOW).remove(A);
        nft.elements.get(ALLOW).add("02:00:00:00:00:99");
        assertEquals(2, sync.sync());
        assertEquals(Set.of(A), nft.elements.get(ALLOW));
        assertEquals(0, sync.sync(), "in sync: nothing to do");
    }

    @Test
    void aSetOfTheWrongTypeIsReportedAndTheOtherStillKept() throws Exception {
        nft.types.put(ALLOW, "ipv4_addr");
        nft.elements.put(ALLOW, new TreeSet<>());
        cli.execute("/ip mac-server binding add mac-address=" + A + " server=s");
        cli.execute("/ip mac-server binding add mac-address=" + B + " server=s action=deny");
        sync.sync();
        assertEquals("error: set inet macserver allowed has type ipv4_addr, not ether_addr", status());
        assertEquals(Set.of(B), nft.elements.get(DENY));
        assertTrue(nft.elements.get(ALLOW).isEmpty(), "the operator's set is left alone");
    }

    @Test
    void refusalShowsOnPrintAndTheLastErrorStaysAfterRecovery() throws Exception {
        nft.refuseAll = "Error: Operation not permitted";
        cli.execute("/ip mac-server binding add mac-address=" + A + " server=s");
        sync.sync();
        assertEquals("error: Error: Operation not permitted", status());
        assertEquals("1\n", cli.execute("/ip mac-server binding print count-only"), "bindings unaffected");
        nft.refuseAll = null;
        sync.sync();
        assertEquals("in-sync allow=1 deny=0", status());
        assertEquals("Error: Operation not permitted", cli.execute("/ip mac-server get s nft-last-error").strip());
    }

    @Test
    void aLostRaceWithAHandEditIsRetriedOnce() throws Exception {
        cli.execute("/ip mac-server binding add mac-address=" + A + " server=s");
        sync.sync();
        cli.execute("/ip mac-server binding remove " + A);
        Nft racing = new Nft() {
            private boolean raced;

            @Override
            public String listSet(SetName name) throws NftException {
                String listing = nft.listSet(name);
                if (!raced && name.equals(ALLOW)) {
                    raced = true;
                    nft.elements.get(ALLOW).remove(A);
                }
                return listing;
            }

            @Override
            public void apply(String batch) throws NftException {
                nft.apply(batch);
            }
        };
        NftSync second = new NftSync(t.model, t.live, racing);
        second.sync();
        assertEquals("in-sync allow=0 deny=0", status());
        assertTrue(nft.elements.get(ALLOW).isEmpty());
    }

    @Test
    void exportCarriesTheNftProperties() throws Exception {
        String export = cli.execute("/export");
        assertTrue(export.contains("nft-table=macserver") && export.contains("nft-allow-set=allowed")
                && export.contains("nft-deny-set=denied"), export);
        assertFalse(export.contains("nft-status"), export);
    }

    @Test
    void namesThatCouldEscapeAnNftCommandAreRefused() throws Exception {
        String out = cli.execute("/ip mac-server set s nft-table=\"x; flush ruleset\"");
        assertTrue(out.contains("nftables name"), out);
        assertEquals("macserver", cli.execute("/ip mac-server get s nft-table").strip());
    }
}
