package macserver.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class InputFifoTest {

    @Test
    void passesEverythingThroughThenEnds() throws IOException {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        InputFifo fifo = new InputFifo(new ByteArrayInputStream(data), 64 * 1024, "test");

        assertArrayEquals(data, fifo.readAllBytes());
        assertEquals(0, fifo.dropped());
    }

    @Test
    void dropsWhatDoesNotFitAndEndsAfterADeviceError() throws IOException {
        InputStream failing = new InputStream() {
            private int left = 100;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 'x';
                }
                throw new IOException("device gone");
            }
        };
        InputFifo fifo = new InputFifo(failing, 10, "test");

        // readAllBytes returns only after the drain thread ended the input, so all 100 bytes have arrived.
        byte[] kept = fifo.readAllBytes();

        assertEquals(100, kept.length + fifo.dropped());
        assertEquals(-1, fifo.read());
    }
}
