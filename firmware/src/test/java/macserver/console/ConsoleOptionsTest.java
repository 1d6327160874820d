package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {

    @Test
    void stdioIsTheDefault() {
        assertTrue(ConsoleOptions.parse(null, null).isStdio());
        assertTrue(ConsoleOptions.parse("stdio", null).isStdio());
    }

    @Test
    void deviceWithSpeed() {
        ConsoleOptions options = ConsoleOptions.parse("/dev/ttyS0", "9600");

        assertFalse(options.isStdio());
        assertEquals(new ConsoleOptions("/dev/ttyS0", 9600), options);
        assertEquals(115200, ConsoleOptions.parse("/dev/ttyS0", null).speed());
    }

    @Test
    void badValuesAreRefusedWithAMessage() {
        assertEquals("--speed must be a number, got 'fast'",
                assertThrows(IllegalArgumentException.class, () -> ConsoleOptions.parse("/dev/ttyS0", "fast"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConsoleOptions.parse("/dev/ttyS0", "0"));
        assertThrows(IllegalArgumentException.class, () -> ConsoleOptions.parse(" ", null));
        assertThrows(IllegalArgumentException.class, () -> ConsoleOptions.serial("stdio", 115200));
    }
}
