package macserver.console;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A serial port opened with jSerialComm: 8 data bits, no parity, one stop bit, no flow control. */
final class JSerialCommLine implements SerialLine {

    /** How long one read waits before it checks whether the line was closed. */
    private static final int READ_POLL_MILLIS = 500;
    /** A host that stops reading must not block the console forever. */
    private static final int WRITE_TIMEOUT_MILLIS = 5000;

    private final SerialPort port;
    private final String device;
    private final InputStream input = new PortInput();
    private final OutputStream output;
    private volatile boolean closed;

    private JSerialCommLine(SerialPort port, String device) {
        this.port = port;
        this.device = device;
        // JLine writes a byte at a time; one native write per byte would crawl on a real UART.
        this.output = new BufferedOutputStream(port.getOutputStream(), 4096);
    }

    /** Whether jSerialComm has a native library for this machine (it ships none for MIPS). */
    static boolean available() {
        try {
            SerialPort.getCommPorts();
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    static SerialLine open(String device, int speed) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(device);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial device " + device + ": " + e.getMessage(), e);
        }
        // Many console cables lack RTS/CTS; with flow control on, such a console would stay silent.
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortParameters(speed, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_POLL_MILLIS, WRITE_TIMEOUT_MILLIS);
        if (!port.openPort()) {
            throw new IOException("cannot open serial device " + device + " (error " + port.getLastErrorCode()
                    + " at " + port.getLastErrorLocation() + ")");
        }
        return new JSerialCommLine(port, device);
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public String toString() {
        return "jSerialComm " + device;
    }

    @Override
    public void close() {
        closed = true;
        port.closePort();
    }

    /** Reads that wait in short polls so a close is noticed, and that end when the device fails. */
    private final class PortInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!closed) {
                if (!port.isOpen()) {
                    return -1;
                }
                int n = port.readBytes(b, len, off);
                if (n > 0) {
                    return n;
                }
                if (n < 0) {
                    throw new IOException("serial device " + device + " failed (error " + port.getLastErrorCode()
                            + ")");
                }
            }
            return -1;
        }
    }
}
