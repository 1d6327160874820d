package macserver.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MacAddressTest {
    @Test
    void upperCaseZeroPaddedPairs() {
        assertEquals("02:00:00:00:00:0A", MacAddress.format(0x02000000000AL));
        assertEquals("00:00:00:00:00:00", MacAddress.format(0));
        assertEquals("FF:FF:FF:FF:FF:FF", MacAddress.format(0xFFFF_FFFF_FFFFL));
        assertEquals("56:42:0B:8D:3E:96", MacAddress.format(0x56420B8D3E96L));
    }
}
