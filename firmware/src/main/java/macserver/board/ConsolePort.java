package macserver.board;

import java.util.OptionalInt;
import java.util.Set;

/**
 * Where the serial console lives: a device at a line speed, or {@code stdio} (the terminal that
 * started the firmware, which has no line speed).
 */
public record ConsolePort(String device, OptionalInt speed) {
    public static final String STDIO = "stdio";

    private static final Set<Integer> STANDARD_SPEEDS =
            Set.of(9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600);

    public ConsolePort {
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("console.device must not be empty");
        }
        if (speed == null) {
            throw new IllegalArgumentException("console.speed must not be null (use OptionalInt.empty())");
        }
        if (device.equals(STDIO)) {
            if (speed.isPresent()) {
                throw new IllegalArgumentException("console.speed has no meaning for console.device=stdio");
            }
        } else {
            if (!device.startsWith("/dev/")) {
                throw new IllegalArgumentException("console.device must be 'stdio' or a path under /dev/, was '"
                        + device + "'");
            }
            if (speed.isEmpty()) {
                throw new IllegalArgumentException("console.speed is required for console.device=" + device);
            }
            if (!STANDARD_SPEEDS.contains(speed.getAsInt())) {
                throw new IllegalArgumentException("console.speed " + speed.getAsInt()
                        + " is not a standard serial speed " + STANDARD_SPEEDS.stream().sorted().toList());
            }
        }
    }

    public boolean isStdio() {
        return device.equals(STDIO);
    }
}
