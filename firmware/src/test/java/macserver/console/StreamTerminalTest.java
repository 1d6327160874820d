package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.junit.jupiter.api.Test;

class StreamTerminalTest {

    @Test
    void inputIsPumpedByAVirtualThreadOnlyOnceResumed() throws Exception {
        CompletableFuture<Boolean> pumpIsVirtual = new CompletableFuture<>();
        InputStream in = new ByteArrayInputStream("ab".getBytes()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                pumpIsVirtual.complete(Thread.currentThread().isVirtual());
                return super.read(b, off, len);
            }
        };
        try (StreamTerminal t = new StreamTerminal("test", "xterm", in, new ByteArrayOutputStream(), new Size(80, 24))) {
            assertTrue(t.paused(), "made paused, so attributes can be set before any input is read");
            Thread.sleep(50);
            assertFalse(pumpIsVirtual.isDone(), "nothing read while paused");
            t.resume();
            assertTrue(pumpIsVirtual.get(10, TimeUnit.SECONDS));
            assertEquals('a', t.reader().read(10_000));
            assertEquals('b', t.reader().read(10_000));
            assertEquals(80, t.getSize().getColumns());
            assertEquals("xterm", t.getType());
        }
    }
}
