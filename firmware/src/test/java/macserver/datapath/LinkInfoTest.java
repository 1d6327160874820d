package macserver.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinkInfoTest {
    @Test
    void printsMacAndAddressTheRouterOsWay() {
        LinkInfo link = new LinkInfo("ether1", 3, 0x4C_5E_0C_0A_0B_FFL, 0xC0A8_5801);
        assertEquals("4C:5E:0C:0A:0B:FF", link.macText());
        assertEquals("192.168.88.1", link.ipv4Text());
        assertEquals("ether1 (ifindex 3, 4C:5E:0C:0A:0B:FF, 192.168.88.1)", link.toString());
        assertEquals("0.0.0.0", new LinkInfo("x", 1, 0, 0).ipv4Text());
    }

    @Test
    void refusesNamelessLinksAndWideMacs() {
        assertThrows(IllegalArgumentException.class, () -> new LinkInfo("", 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinkInfo("x", 1, 1L << 48, 0));
    }
}
