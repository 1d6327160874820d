package macserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The firmware's command line: {@code --board=NAME|FILE --flash=FILE --console=stdio|DEVICE
 * --speed=N --interfaces=a,b}. Anything not given comes from the board profile.
 */
public record FirmwareOptions(String board, Path flash, String console, String speed, List<String> interfaces) {

    public static final String USAGE = "usage: macserver [--board=NAME|FILE] [--flash=FILE] "
            + "[--console=stdio|DEVICE] [--speed=N] [--interfaces=IF[,IF...]]";

    /** Throws IllegalArgumentException with a message fit for the command line. */
    public static FirmwareOptions parse(String... args) {
        String board = "host";
        Path flash = Path.of("var", "flash.img");
        String console = null;
        String speed = null;
        List<String> interfaces = null;
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
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return new FirmwareOptions(board, flash, console, speed, interfaces);
    }
}
