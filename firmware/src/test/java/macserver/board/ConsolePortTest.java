package macserver.board;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ConsolePortTest {
    @Test
    void aSerialDeviceHasAStandardSpeed() {
        ConsolePort port = new ConsolePort("/dev/ttyMSM0", OptionalInt.of(115200));

        assertFalse(port.isStdio());
    }

    @Test
    void stdioHasNoSpeed() {
        assertTrue(new ConsolePort("stdio", OptionalInt.empty()).isStdio());
        assertThrows(IllegalArgumentException.class, () -> new ConsolePort("stdio", OptionalInt.of(9600)));
    }

    @Test
    void rejectsDevicesOutsideDevAndMissingSpeeds() {
        assertThrows(IllegalArgumentException.class, () -> new ConsolePort("/tmp/tty", OptionalInt.of(115200)));
        assertThrows(IllegalArgumentException.class, () -> new ConsolePort("/dev/ttyS0", OptionalInt.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ConsolePort("", OptionalInt.empty()));
    }
}
