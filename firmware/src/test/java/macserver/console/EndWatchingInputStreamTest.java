package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class EndWatchingInputStreamTest {

    @Test
    void notesTheEndOfInput() throws IOException {
        EndWatchingInputStream in = new EndWatchingInputStream(new ByteArrayInputStream(new byte[] {7}));

        assertEquals(7, in.read());
        assertFalse(in.ended());
        assertEquals(-1, in.read());
        assertTrue(in.ended());
        assertTrue(in.failure().isEmpty());
    }

    @Test
    void aReadErrorBecomesTheEndAndIsKept() throws IOException {
        IOException vanished = new IOException("device vanished");
        EndWatchingInputStream in = new EndWatchingInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                throw vanished;
            }
        });

        assertEquals(-1, in.read(new byte[4], 0, 4));
        assertTrue(in.ended());
        assertEquals(vanished, in.failure().orElseThrow());
        assertEquals(-1, in.read());
    }
}
