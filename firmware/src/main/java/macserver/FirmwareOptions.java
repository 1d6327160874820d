package macserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The firmware's command line: {@code --board=NAME|FILE --flash=FILE --console=stdio|DEVICE
 * --speed=N --interfaces=a,b --rest-listen=ADDR --rest-port-shift=N}.
 * The REST, SSH and RouterOS API servers bind to {@code rest-listen} (all addresses by default) at each
 * {@code /ip service} port plus {@code rest-port-shift}, so that `make run` can use 127.0.0.1 and 8443,
 * 8022, 16728 and 16729 without root. Anything not given comes from the board profile.
 */
public record FirmwareOptions(String board, Path flash, String console, String speed, List<String> interfaces,
        String restListen, int restPortShift) {

    public static final String USAGE = "usage: macserver [--board=NAME|FILE] [--flash=FILE] "
            + "[--console=stdio|DEVICE] [--speed=N] [--interfaces=IF[,IF...]] [--rest-listen=ADDR] [--rest-port-shift=N]";

    /** Throws IllegalArgumentException with a message fit for the command line. */
    public static FirmwareOptions parse(String... args) {
        String board = "host";
        Path flash = Path.of("var", "flash.img");
        String console = null;
        String speed = null;
        List<String> interfaces = null;
        String restListen = "0.0.0.0";
        int restPortShift = 0;
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
            String name = a.substring(2, eq);
            String value = a.substring(eq + 1);
            if (value.isBlank()) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            switch (name) {
                case "board" -> board = value;
                case "flash" -> flash = Path.of(value);
                case "console" -> console = value;
                case "speed" -> speed = value;
                case "interfaces" -> interfaces = new ArrayList<>(List.of(value.split(",")));
                case "rest-listen" -> restListen = value;
                case "rest-port-shift" -> restPortShift = shift(value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return new FirmwareOptions(board, flash, console, speed, interfaces, restListen, restPortShift);
    }

    private static int shift(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n < 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("--rest-port-shift must be a number from 0 to 65534");
    }
}
