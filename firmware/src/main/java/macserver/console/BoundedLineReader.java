package macserver.console;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into UTF-8 lines (LF or CR LF), replacing malformed bytes with U+FFFD.
 * A line longer than the limit is not kept: its bytes are skipped up to the next line end and
 * it is reported as too long, so a runaway input cannot fill the memory.
 */
final class BoundedLineReader {

    /** One line, without its line end; empty text when {@code tooLong}. */
    record Line(String text, boolean tooLong) {}

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    BoundedLineReader(InputStream in, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.in = new BufferedInputStream(in);
        this.maxBytes = maxBytes;
    }

    int maxBytes() {
        return maxBytes;
    }

    /** The next line, or null at the end of the input. A last line without a line end still counts. */
    Line next() throws IOException {
        line.reset();
        boolean tooLong = false;
        boolean sawAny = false;
        int b;
        while ((b = in.read()) >= 0) {
            sawAny = true;
            if (b == '\n') {
                return finish(tooLong);
            }
            if (!tooLong) {
                line.write(b);
                // One byte of slack for the CR of a CR LF line end.
                if (line.size() > maxBytes + 1) {
                    tooLong = true;
                    line.reset();
                }
            }
        }
        return sawAny ? finish(tooLong) : null;
    }

    private Line finish(boolean tooLong) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (tooLong || length > maxBytes) {
            return new Line("", true);
        }
        return new Line(new String(bytes, 0, length, StandardCharsets.UTF_8), false);
    }
}
