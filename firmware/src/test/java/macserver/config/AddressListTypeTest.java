package macserver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressListTypeTest {
    private final AddressListType type = new AddressListType();

    @SuppressWarnings("unchecked")
    private List<String> parse(String text) throws ConfigException {
        return (List<String>) type.parse(text, "address", References.NONE);
    }

    @Test
    void parsesAndMatchesPrefixes() throws Exception {
        List<String> list = parse("10.0.0.0/8, 192.168.1.5,::1");
        assertEquals(List.of("10.0.0.0/8", "192.168.1.5/32", "0:0:0:0:0:0:0:1/128"), list);
        assertTrue(AddressListType.allows(list, InetAddress.getByName("10.20.30.40")));
        assertTrue(AddressListType.allows(list, InetAddress.getByName("192.168.1.5")));
        assertFalse(AddressListType.allows(list, InetAddress.getByName("192.168.1.6")));
        assertTrue(AddressListType.allows(list, InetAddress.getByName("::1")));
        assertTrue(AddressListType.allows(parse(""), InetAddress.getByName("8.8.8.8")), "empty means any");
        assertEquals("10.0.0.0/8,192.168.1.5/32,0:0:0:0:0:0:0:1/128", type.format(list, References.NONE));
    }

    @Test
    void refusesNamesAndBadPrefixes() {
        for (String bad : List.of("example", "10.0.0.0/33", "10.0.0/8", "1.2.3.4/x")) {
            ConfigException e = assertThrows(ConfigException.class, () -> parse(bad), bad);
            assertEquals("invalid value for argument address", e.getMessage());
        }
    }
}
