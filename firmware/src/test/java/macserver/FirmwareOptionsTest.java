package macserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FirmwareOptionsTest {
    @Test
    void restListenAndPortShift() {
        FirmwareOptions defaults = FirmwareOptions.parse();
        assertEquals("0.0.0.0", defaults.restListen());
        assertEquals(0, defaults.restPortShift());
        FirmwareOptions run = FirmwareOptions.parse("--rest-listen=127.0.0.1", "--rest-port-shift=8000");
        assertEquals("127.0.0.1", run.restListen());
        assertEquals(8000, run.restPortShift());
        for (String bad : new String[] {"--rest-port-shift=-1", "--rest-port-shift=x", "--rest-port-shift=65535"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FirmwareOptions.parse(bad));
            assertEquals("--rest-port-shift must be a number from 0 to 65534", e.getMessage());
        }
    }
}
