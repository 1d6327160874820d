package macserver.system.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interactive {@code mactelnet} client, run in the client namespace on a pseudo-terminal that
 * {@code expect} provides (the client needs a terminal: it sends the terminal type and size and
 * switches it to raw mode). expect only relays: Java writes keystrokes to its standard input and
 * reads the session from its standard output, so all waiting and matching happens here, each
 * wait with its own time limit.
 *
 * <p>The transcript has every carriage return removed (the server's pty and the client's turn a
 * line end into "\r\r\n"), so patterns match plain "\n" line ends.
 */
public final class MacTelnetClient implements AutoCloseable {
    /** What the clients print (0.4.4 and 0.6.1 alike). */
    public static final Pattern LOGIN_FAILED = Pattern.compile("Login failed, incorrect username or password");
    public static final Pattern CONNECTION_FAILED = Pattern.compile("Connection failed\\.");
    public static final Pattern CONNECTION_TIMED_OUT = Pattern.compile("Connection timed out");
    public static final Pattern CONNECTION_CLOSED = Pattern.compile("Connection closed\\.");
    /** A POSIX shell's prompt ("$ " or "# "), as a system user of mactelnetd gets. */
    public static final Pattern SHELL_PROMPT = Pattern.compile("[$#] $");

    /** How a login attempt ended. */
    public enum Outcome { LOGGED_IN, LOGIN_FAILED, CONNECTION_FAILED, CONNECTION_TIMED_OUT, CLOSED }

    /**
     * @param raw            {@code -n}: session traffic as raw frames unicast to the server's MAC
     *                       instead of UDP broadcast (root only)
     * @param forceMd5       {@code -o} (0.6.1 only; 0.4.4 knows MD5 alone and has no such option)
     * @param waitSeconds    {@code -t}: how long the client waits for the server (0.4.4: per interface)
     * @param term           TERM the client announces to the server
     * @param columns        terminal width the client announces
     * @param rows           terminal height the client announces
     */
    public record Options(boolean raw, boolean forceMd5, int waitSeconds, String term, int columns, int rows) {
        public static final Options DEFAULT = new Options(false, false, 5, "xterm", 80, 24);

        public Options raw(boolean on) {
            return new Options(on, forceMd5, waitSeconds, term, columns, rows);
        }

        public Options forceMd5(boolean on) {
            return new Options(raw, on, waitSeconds, term, columns, rows);
        }

        public Options waitSeconds(int seconds) {
            return new Options(raw, forceMd5, seconds, term, columns, rows);
        }

        public Options terminal(String type, int width, int height) {
            return new Options(raw, forceMd5, waitSeconds, type, width, height);
        }
    }

    // expect as a plain pty relay. stty_init sets the size the client reads from its terminal.
    private static final String RELAY_SCRIPT = """
            log_user 1
            set timeout -1
            set stty_init "rows $env(MT_ROWS) columns $env(MT_COLUMNS)"
            spawn -noecho {*}$argv
            interact
            catch {close}
            set status 255
            catch {wait} result
            if {[llength $result] >= 4} { set status [lindex $result 3] }
            exit $status
            """;
    private static volatile Path relayScript;
    /** Client namespace to the wall-clock second its last client had drawn its key by; see {@link #awaitNextSecond}. */
    private static final Map<String, Long> LAST_START_SECOND = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, Object> START_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Longest wait for a new client's first output (it prints "Connecting to ..." at once). */
    private static final Duration SEEDED_WITHIN = Duration.ofSeconds(3);

    private final Process process;
    private final OutputStream keyboard;
    private final List<String> commandLine;
    private final StringBuilder text = new StringBuilder();
    private int cursor;
    private boolean outputEnded;

    private MacTelnetClient(Process process, List<String> commandLine) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        this.commandLine = commandLine;
        Thread.ofVirtual().name("mactelnet-output").start(() -> pump(process.getInputStream()));
    }

    /**
     * Starts {@code mactelnet <target> -u user -p password -A} in the client namespace. The
     * target is a MAC (or an identity, which the client looks up by MNDP). Returns at once: call
     * {@link #login} to wait for the outcome.
     */
    public static MacTelnetClient start(Netns netns, ClientVersion version, String target, String user, String password,
                                        Options options) {
        version.require();
        List<String> arguments = new ArrayList<>(List.of(target, "-u", user, "-p", password, "-A",
                "-t", Integer.toString(options.waitSeconds())));
        if (options.raw()) {
            arguments.add("-n");
        }
        if (options.forceMd5() && version == ClientVersion.V0_6_1) {
            arguments.add("-o");
        }
        List<String> client = netns.inClient(version.command("mactelnet", arguments));
        List<String> command = new ArrayList<>(List.of("expect", "-f", relayScript().toString()));
        command.addAll(client);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TERM", options.term());
        builder.environment().put("MT_ROWS", Integer.toString(options.rows()));
        builder.environment().put("MT_COLUMNS", Integer.toString(options.columns()));
        builder.environment().put("HOME", "/nonexistent"); // no ~/.mactelnet autologin file can interfere
        Object namespaceLock = START_LOCKS.computeIfAbsent(netns.clientNamespace(), n -> new Object());
        synchronized (namespaceLock) {
            awaitNextSecond(netns.clientNamespace());
            MacTelnetClient c;
            try {
                c = new MacTelnetClient(builder.start(), List.copyOf(client));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start expect (Debian package expect) for " + client, e);
            }
            // The client has drawn its key once it prints; only then is its second known.
            c.awaitFirstOutput(SEEDED_WITHIN);
            LAST_START_SECOND.put(netns.clientNamespace(), System.currentTimeMillis() / 1000);
            return c;
        }
    }

    public static MacTelnetClient start(Netns netns, ClientVersion version, String target, String user, String password) {
        return start(netns, version, target, user, password, Options.DEFAULT);
    }

    /**
     * Both client versions seed rand() with the time in seconds and draw the session key and UDP
     * source port from it, so two clients started in the same second (from one MAC) use the same
     * key and port. The firmware takes a SESSIONSTART under a live key after DATA as a restarted
     * client, which is right for a killed client but would cut off a live one running beside it.
     * So clients of one namespace start one at a time, each in a later second than the moment the
     * previous one had printed (by then it has drawn its key; spawning through expect and
     * {@code ip netns exec} under load can take long enough to cross a second boundary).
     */
    private static void awaitNextSecond(String clientNamespace) {
        Long last = LAST_START_SECOND.get(clientNamespace);
        long now = System.currentTimeMillis();
        if (last != null && now / 1000 <= last) {
            long wait = (last + 1) * 1000 - now + 20; // a little past the boundary, for clock granularity
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * Waits for the first of: {@code prompt} (logged in), the login-failed message, "Connection
     * failed." (no answer), "Connection timed out", "Connection closed." or the client's end.
     * Throws if none of them comes within {@code limit}.
     */
    public Outcome login(Pattern prompt, Duration limit) {
        Map<Outcome, Pattern> outcomes = new LinkedHashMap<>();
        outcomes.put(Outcome.LOGGED_IN, prompt);
        outcomes.put(Outcome.LOGIN_FAILED, LOGIN_FAILED);
        outcomes.put(Outcome.CONNECTION_FAILED, CONNECTION_FAILED);
        outcomes.put(Outcome.CONNECTION_TIMED_OUT, CONNECTION_TIMED_OUT);
        outcomes.put(Outcome.CLOSED, CONNECTION_CLOSED);
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (text) {
            while (true) {
                Outcome earliest = null;
                Matcher first = null;
                for (var entry : outcomes.entrySet()) {
                    Matcher m = entry.getValue().matcher(text).region(cursor, text.length());
                    if (m.find() && (first == null || m.start() < first.start())) {
                        first = m;
                        earliest = entry.getKey();
                    }
                }
                if (first != null) {
                    cursor = first.end();
                    return earliest;
                }
                if (outputEnded) {
                    return Outcome.CLOSED;
                }
                waitForText(deadline, "a login outcome (prompt /" + prompt + "/)", limit);
            }
        }
    }

    /** Sends {@code line} and Enter, waits for {@code prompt}, returns what came in between without the echoed line. */
    public String command(String line, Pattern prompt, Duration limit) {
        sendLine(line);
        String reply = awaitBefore(prompt, limit);
        int firstLineEnd = reply.indexOf('\n');
        if (firstLineEnd >= 0 && reply.substring(0, firstLineEnd).endsWith(line)) {
            return reply.substring(firstLineEnd + 1);
        }
        return reply;
    }

    /**
     * Ends the session politely: sends {@code exitCommand} ("exit" for a shell, "/quit" for a
     * RouterOS-style CLI), waits for "Connection closed." and the client's end. Prefer this to
     * {@link #close()} alone: a client killed mid-session sends no END, the server keeps the
     * session until its idle timeout (mactelnetd: 15 s), and mactelnetd 0.4.4 stalls about 2 s
     * when that timeout strikes, delaying everything else it answers (PONGs seen 2 s late).
     * Returns the client's exit status.
     */
    public int logout(String exitCommand, Duration limit) {
        sendLine(exitCommand);
        await(CONNECTION_CLOSED, limit);
        return awaitExit(limit).orElseThrow(() -> new IllegalStateException(
                "mactelnet still running " + limit.toMillis() + " ms after the session closed; " + state()));
    }

    /** Sends {@code line} followed by a carriage return (the Enter key). */
    public void sendLine(String line) {
        send(line + "\r");
    }

    /** Sends keystrokes as they are (control characters included, e.g. "\u0003" for Ctrl-C). */
    public void send(String keys) {
        try {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client is gone; transcript:\n" + transcript(), e);
        }
    }

    /** Waits for {@code pattern} after what earlier waits consumed; returns the matched text. Throws after {@code limit}. */
    public String await(Pattern pattern, Duration limit) {
        return poll(pattern, limit).orElseThrow(() -> new IllegalStateException(
                "no /" + pattern + "/ from mactelnet within " + limit.toMillis() + " ms; " + state()));
    }

    /** Like {@link #await} but returns the text before the match (the match is consumed too). */
    public String awaitBefore(Pattern pattern, Duration limit) {
        synchronized (text) {
            int from = cursor;
            await(pattern, limit);
            Matcher m = pattern.matcher(text).region(from, text.length());
            m.find();
            return text.substring(from, m.start());
        }
    }

    /** Waits until the client has printed anything (or ended, or {@code limit} passed); consumes nothing. */
    private void awaitFirstOutput(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (text) {
            while (text.isEmpty() && !outputEnded && System.nanoTime() < deadline) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(text, Math.max(1, deadline - System.nanoTime()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Like {@link #await} but empty if the pattern does not come (or the client ends) within {@code limit}. */
    public Optional<String> poll(Pattern pattern, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (text) {
            while (true) {
                Matcher m = pattern.matcher(text).region(cursor, text.length());
                if (m.find()) {
                    cursor = m.end();
                    return Optional.of(m.group());
                }
                if (outputEnded || System.nanoTime() >= deadline) {
                    return Optional.empty();
                }
                long left = deadline - System.nanoTime();
                try {
                    TimeUnit.NANOSECONDS.timedWait(text, Math.max(1, left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    private void waitForText(long deadline, String what, Duration limit) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IllegalStateException("no " + what + " from mactelnet within " + limit.toMillis() + " ms; " + state());
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(text, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    /** Waits for the client to end on its own (e.g. after "exit" in the shell); empty if it is still running after {@code limit}. */
    public Optional<Integer> awaitExit(Duration limit) {
        try {
            if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the client printed so far, carriage returns removed. */
    public String transcript() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** What runs in the namespace (without the expect wrapper). */
    public List<String> commandLine() {
        return commandLine;
    }

    /**
     * Ends the client (and expect) if still running: SIGTERM, SIGKILL after 2 s. The server is not
     * told (see {@link #logout}).
     */
    @Override
    public void close() {
        try {
            keyboard.close();
        } catch (IOException e) {
            // already gone
        }
        if (process.isAlive()) {
            Processes.stop(process, Duration.ofSeconds(2));
        }
    }

    private String state() {
        return (process.isAlive() ? "client running" : "client ended") + "; " + String.join(" ", commandLine)
                + "; transcript:\n" + transcript();
    }

    private void pump(InputStream in) {
        char[] buffer = new char[4096];
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                String chunk = new String(buffer, 0, n).replace("\r", "");
                synchronized (text) {
                    text.append(chunk);
                    text.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended or was killed.
        } finally {
            synchronized (text) {
                outputEnded = true;
                text.notifyAll();
            }
        }
    }

    private static Path relayScript() {
        if (relayScript == null) {
            synchronized (MacTelnetClient.class) {
                if (relayScript == null) {
                    try {
                        Path script = Files.createTempFile("mactelnet-relay", ".exp");
                        Files.writeString(script, RELAY_SCRIPT);
                        script.toFile().deleteOnExit();
                        relayScript = script;
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write the expect relay script", e);
                    }
                }
            }
        }
        return relayScript;
    }
}
