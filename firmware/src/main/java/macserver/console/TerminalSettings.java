package macserver.console;

import java.util.Objects;

/**
 * What a terminal session knows about the terminal at the other end: its terminfo type and size.
 * Serial consoles use RouterOS's default ({@code vt102}, 80x24); MAC-Telnet fills these from the
 * client's TERM_TYPE/TERM_WIDTH/TERM_HEIGHT control blocks.
 */
public record TerminalSettings(String type, int columns, int rows) {

    /** RouterOS binds its serial console as {@code vt102}; a serial line cannot report a size. */
    public static final TerminalSettings SERIAL_DEFAULT = new TerminalSettings("vt102", 80, 24);

    public TerminalSettings {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("terminal type must not be blank");
        }
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("terminal size must be positive, got " + columns + "x" + rows);
        }
    }
}
