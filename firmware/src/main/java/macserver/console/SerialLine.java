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
}
