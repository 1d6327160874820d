package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The two rings between a session and its terminal: bounded, and holding storage only while used. */
class TerminalStreamsTest {

    @Test
    void inputTakesWhatFitsAndGivesStorageBackWhenRead() throws Exception {
        TerminalInput in = new TerminalInput(100);
        assertEquals(0, in.storageBytes());
        ByteBuffer keys = ByteBuffer.wrap(new byte[150]);
        assertEquals(100, in.offer(keys, 0, 150), "the rest is dropped, never queued without bound");
        in.release();
        assertEquals(100, in.storageBytes(), "kept while keystrokes wait");
        assertEquals(100, in.read(new byte[200], 0, 200));
        in.release();
        assertEquals(0, in.storageBytes());
        in.offer(ByteBuffer.wrap(new byte[] {42}), 0, 1);
        assertEquals(42, in.read());
        in.close();
        assertEquals(-1, in.read());
    }

    @Test
    void outputMakesTheWriterWaitAtTheLimitAndKeepsBytesUntilConsumed() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        TerminalOutput out = new TerminalOutput(16, writes::incrementAndGet);
        byte[] text = new byte[40];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) i;
        }
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                out.write(text, 0, text.length);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        ByteBuffer got = ByteBuffer.allocate(40);
        while (got.position() < 40) {
            ByteBuffer packet = ByteBuffer.allocate(10);
            int n = out.peek(packet, 10);
            assertTrue(out.storageBytes() <= 16, "never more than the limit");
            ByteBuffer resend = ByteBuffer.allocate(10);
            assertEquals(n, out.peek(resend, n), "a resend reads the same bytes again");
            assertArrayEquals(packet.array(), resend.array());
            got.put(packet.flip());
            out.consume(n);
            if (n == 0) {
                Thread.onSpinWait();
            }
        }
        writer.get(10, TimeUnit.SECONDS);
        assertArrayEquals(text, got.array());
        assertTrue(writes.get() >= 3, "the writer went on in pieces as room came");
        out.release();
        assertEquals(0, out.storageBytes());
        out.close();
        assertThrows(IOException.class, () -> out.write(1));
    }
}
