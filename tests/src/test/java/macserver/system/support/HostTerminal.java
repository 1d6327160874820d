package macserver.system.support;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The person at the other end of the serial cable: types into the host end of the line and
 * waits for text to appear. What the firmware printed is kept with terminal control sequences
 * and carriage returns removed.
 */
public final class HostTerminal implements AutoCloseable {

    private final OutputStream keyboard;
    private final InputStream screenInput;
    private final StringBuilder screen = new StringBuilder();
    /** How much of the plain screen earlier waits have consumed. */
    private int consumed;

    public HostTerminal(Path device) throws IOException {
        this.keyboard = new FileOutputStream(device.toFile());
        this.screenInput = new FileInputStream(device.toFile());
        Thread.ofPlatform().daemon(true).name("host-terminal-reader").start(this::readScreen);
    }

    private void readScreen() {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = screenInput.read(buffer)) >= 0; ) {
                synchronized (screen) {
                    screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    screen.notifyAll();
                }
            }
        } catch (IOException e) {
            // The line went away (socat stopped): the screen simply stops growing.
        }
    }

    public void type(String text) throws IOException {
        type(text.getBytes(StandardCharsets.UTF_8));
    }

    public void type(byte[] bytes) throws IOException {
        keyboard.write(bytes);
        keyboard.flush();
    }

    /**
     * Waits until {@code text} appears after what earlier waits consumed; returns everything
     * shown from there up to and including it. Throws AssertionError with the screen when it does not.
     */
    public String await(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (screen) {
            while (true) {
                String shown = plain(screen.toString());
                int from = Math.min(consumed, shown.length());
                int at = shown.indexOf(text, from);
                if (at >= 0) {
                    consumed = at + text.length();
                    return shown.substring(from, consumed);
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("did not see \"" + text + "\" within " + timeout
                            + "; screen since the last match:\n" + shown.substring(from));
                }
                screen.wait(left);
            }
        }
    }

    /**
     * Waits until the line has been silent for {@code quiet} (the far end has worked through
     * everything sent so far), then forgets the screen so far: later waits see only what follows.
     */
    public void settle(Duration quiet, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (screen) {
            int length = -1;
            while (screen.length() != length) {
                if (Instant.now().isAfter(deadline)) {
                    String shown = screen.toString();
                    throw new AssertionError("the line never went quiet within " + timeout + "; it last showed:\n"
                            + shown.substring(Math.max(0, shown.length() - 600)).replaceAll("[^\\x20-\\x7e\\n]", "."));
                }
                length = screen.length();
                screen.wait(quiet.toMillis());
            }
            consumed = plain(screen.toString()).length();
        }
    }

    /** Drops ANSI/VT100 escape sequences, carriage returns, bells and backspaces. */
    public static String plain(String raw) {
        return raw.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "")
                .replaceAll("\u001b[=>]", "")
                .replaceAll("\u001b[()][0-9A-Za-z]", "")
                .replaceAll("[\r\u0007\b]", "");
    }

    @Override
    public void close() throws IOException {
        keyboard.close();
        screenInput.close();
    }
}
