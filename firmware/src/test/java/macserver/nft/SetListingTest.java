package macserver.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SetListingTest {
    @Test
    void readsTypeAndPlainElements() throws Exception {
        SetListing l = SetListing.parse("{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}, {\"set\": {\"family\": \"inet\","
                + " \"name\": \"s\", \"table\": \"t\", \"type\": \"ether_addr\", \"handle\": 1,"
                + " \"elem\": [\"02:00:00:00:00:0a\", \"AA:bb:cc:dd:ee:ff\"]}}]}");
        assertTrue(l.holdsMacs());
        assertEquals(Set.of(0x02000000000aL, 0xaabbccddeeffL), l.macs());
    }

    @Test
    void readsElementsWrappedInObjects() throws Exception {
        SetListing l = SetListing.parse("{\"nftables\": [{\"set\": {\"type\": \"ether_addr\", \"elem\": [{\"elem\":"
                + " {\"val\": \"00:00:00:00:00:01\", \"timeout\": 60}}]}}]}");
        assertEquals(Set.of(1L), l.macs());
    }

    @Test
    void anEmptySetHasNoElementsAndAnotherTypeIsNotForMacs() throws Exception {
        SetListing l = SetListing.parse("{\"nftables\": [{\"set\": {\"name\": \"s\", \"type\": \"ipv4_addr\"}}]}");
        assertFalse(l.holdsMacs());
        assertTrue(l.macs().isEmpty());
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(NftException.class, () -> SetListing.parse("{\"nftables\": []}"));
    }

    @Test
    void onlyWellFormedMacsCount() {
        String s = "02:00:00:00:00:0a|02-00-00-00-00-0a|02:00:00:00:00:0g|timeout";
        assertEquals(0x02000000000aL, SetListing.mac(s, 0, 17));
        assertEquals(-1, SetListing.mac(s, 18, 35));
        assertEquals(-1, SetListing.mac(s, 36, 53));
        assertEquals(-1, SetListing.mac(s, 54, 61));
    }
}
