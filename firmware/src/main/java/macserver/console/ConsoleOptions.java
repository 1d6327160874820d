package macserver.console;

import java.util.Objects;

/**
 * Which console the firmware runs: the process's own standard input and output, or a serial
 * device at a speed. Comes from the board profile or from {@code --console=stdio|DEVICE --speed=N}.
 */
public record ConsoleOptions(String device, int speed) {

    /** The value of {@code --console} that selects standard input and output. */
    public static final String STDIO = "stdio";
    /** RouterBOARD serial consoles run at 115200 8N1. */
    public static final int DEFAULT_SPEED = 115200;

    public ConsoleOptions {
        Objects.requireNonNull(device, "device");
        if (device.isBlank()) {
            throw new IllegalArgumentException("console device must not be empty (use " + STDIO + " or a path)");
        }
        if (speed < 50 || speed > 4_000_000) {
            throw new IllegalArgumentException("serial speed out of range: " + speed);
        }
    }

    public static ConsoleOptions stdio() {
        return new ConsoleOptions(STDIO, DEFAULT_SPEED);
    }

    public static ConsoleOptions serial(String device, int speed) {
        if (STDIO.equals(device)) {
            throw new IllegalArgumentException("'" + STDIO + "' is not a serial device");
        }
        return new ConsoleOptions(device, speed);
    }

    /**
     * From the option values: {@code console} is "stdio" or a device path, {@code speed} the
     * {@code --speed} text or null for the default. Throws IllegalArgumentException with a message
     * fit for the command line.
     */
    public static ConsoleOptions parse(String console, String speed) {
        int baud = DEFAULT_SPEED;
        if (speed != null) {
            try {
                baud = Integer.parseInt(speed.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--speed must be a number, got '" + speed + "'");
            }
        }
        return new ConsoleOptions(console == null ? STDIO : console.strip(), baud);
    }

    public boolean isStdio() {
        return STDIO.equals(device);
    }
}
