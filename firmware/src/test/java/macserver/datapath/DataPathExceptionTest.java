package macserver.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataPathExceptionTest {
    @Test
    void epermSaysWhatIsMissingAndWhatIsOff() {
        DataPathException e = DataPathException.ofErrno("socket(AF_PACKET, SOCK_RAW)", 1);

        assertEquals("raw sockets need root or CAP_NET_RAW; MAC-Telnet, MAC-Ping and MNDP are off"
                + " (socket(AF_PACKET, SOCK_RAW) failed: EPERM)", e.getMessage());
        assertTrue(e.isPermissionDenied());
        assertEquals("EPERM", e.errno());
    }

    @Test
    void otherErrorsCarryTheirNameOrNumber() {
        DataPathException e = DataPathException.ofErrno("bind(AF_PACKET) to ifindex 9", 19);
        assertEquals("bind(AF_PACKET) to ifindex 9 failed: ENODEV", e.getMessage());
        assertFalse(e.isPermissionDenied());
        assertEquals("errno 4242", DataPathException.ofErrno("x", 4242).errno());
        assertNull(new DataPathException("plain").errno());
    }
}
