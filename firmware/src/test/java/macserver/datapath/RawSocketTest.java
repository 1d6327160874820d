package macserver.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What needs no network: argument checks and the errno path (no frame is ever sent here). */
class RawSocketTest {
    @Test
    void refusesBadIndexesAndTimeouts() {
        assertEquals("not an interface index: 0", assertThrows(DataPathException.class,
                () -> RawSocket.open(0, null, Duration.ofMillis(100))).getMessage());
        assertThrows(DataPathException.class, () -> RawSocket.open(1, null, Duration.ZERO));
    }

    @Test
    void aMissingInterfaceOrMissingPrivilegeComesBackAsAnErrnoName() {
        // Root gets as far as bind (no interface has this index); anyone else stops at socket.
        DataPathException e = assertThrows(DataPathException.class,
                () -> RawSocket.open(0x7FFF_FFF0, UdpPortFilter.macServer(), Duration.ofMillis(100)));
        assertTrue(Set.of("ENODEV", "EPERM").contains(e.errno()), e.getMessage());
        assertTrue(e.getMessage().contains("failed: " + e.errno()), e.getMessage());
        if (e.isPermissionDenied()) {
            assertTrue(e.getMessage().startsWith(DataPathException.NO_PRIVILEGE), e.getMessage());
        }
    }
}
