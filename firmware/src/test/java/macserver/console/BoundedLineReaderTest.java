package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static BoundedLineReader reader(byte[] input, int max) {
        return new BoundedLineReader(new ByteArrayInputStream(input), max);
    }

    private static BoundedLineReader reader(String input, int max) {
        return reader(input.getBytes(StandardCharsets.UTF_8), max);
    }

    @Test
    void splitsOnLfAndCrLfAndKeepsALastLineWithoutEnd() throws IOException {
        BoundedLineReader lines = reader("one\ntwo\r\n\nthree", 100);

        assertEquals(new BoundedLineReader.Line("one", false), lines.next());
        assertEquals(new BoundedLineReader.Line("two", false), lines.next());
        assertEquals(new BoundedLineReader.Line("", false), lines.next());
        assertEquals(new BoundedLineReader.Line("three", false), lines.next());
        assertNull(lines.next());
    }

    @Test
    void malformedUtf8IsReplaced() throws IOException {
        BoundedLineReader lines = reader(new byte[] {'a', (byte) 0xff, (byte) 0xe2, (byte) 0x82, 'b', '\n'}, 100);

        assertEquals("a\ufffd\ufffdb", lines.next().text());
    }

    @Test
    void lineOverTheLimitIsReportedAndSkippedWhole() throws IOException {
        BoundedLineReader lines = reader("x".repeat(11) + "\n" + "y".repeat(10) + "\r\n" + "z".repeat(200), 10);

        assertEquals(new BoundedLineReader.Line("", true), lines.next());
        assertEquals(new BoundedLineReader.Line("y".repeat(10), false), lines.next());
        assertEquals(new BoundedLineReader.Line("", true), lines.next());
        assertNull(lines.next());
    }
}
