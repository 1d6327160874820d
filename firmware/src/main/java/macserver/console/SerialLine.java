package macserver.console;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An open serial port as two streams. The input ends (returns -1 or throws) when the device
 * fails or vanishes; closing the line ends a read that is waiting.
 */
interface SerialLine extends Closeable {

    InputStream input();

    OutputStream output();

    /** Opens a device at a speed (8N1). */
    @FunctionalInterface
    interface Opener {
        SerialLine open(String device, int speed) throws IOException;
    }

    /**
     * How this machine opens serial lines: jSerialComm where it has a native library for the
     * architecture, else termios through the C library (MIPS). The system property
     * {@code macserver.serial} ({@code jserialcomm} or {@code termios}) chooses one outright.
     */
    static Opener system() {
        String wanted = System.getProperty("macserver.serial", "");
        return switch (wanted) {
            case "termios" -> TermiosLine::open;
            case "jserialcomm" -> JSerialCommLine::open;
            case "" -> JSerialCommLine.available() ? JSerialCommLine::open : TermiosLine::open;
            default -> throw new IllegalArgumentException("macserver.serial is jserialcomm or termios, not " + wanted);
        };
    }
}
