package macserver.system.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump on one end of a {@link Netns} segment, writing a pcap file: start it, do something,
 * {@link #stop()} it and read back the UDP datagrams. The default filter is MAC-Telnet and
 * MAC-Ping ({@code udp port 20561}).
 */
public final class Capture implements AutoCloseable {
    public static final String MAC_TELNET = "udp port 20561";
    private static final Duration START_LIMIT = Duration.ofSeconds(10);

    private final Process process;
    private final Path file;
    private final List<String> messages = new ArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);

    private Capture(Process process, Path file) {
        this.process = process;
        this.file = file;
        Thread.ofVirtual().name("tcpdump-stderr").start(this::readMessages);
    }

    /** Captures on the client end ({@code eth0} in the client namespace). */
    public static Capture onClient(Netns netns, Path file, String filter) {
        return start(netns.inClient(command(netns.clientInterface(), file, filter)), file);
    }

    /** Captures on the router end ({@code ether1} in the router namespace). */
    public static Capture onRouter(Netns netns, Path file, String filter) {
        return start(netns.inRouter(command(netns.routerInterface(), file, filter)), file);
    }

    private static List<String> command(String ifname, Path file, String filter) {
        // --immediate-mode hands each packet over at once (otherwise libpcap's ring hands them over
        // in blocks, and a stop loses the last block: "N received by filter", 0 captured);
        // -U writes each packet at once; -Z root keeps root as the file's writer (tcpdump would
        // otherwise drop to the user tcpdump, which may not write in the test's folder).
        List<String> command = new ArrayList<>(List.of("tcpdump", "-i", ifname, "-n", "-U", "--immediate-mode", "-Z", "root", "-w", file.toString()));
        command.addAll(List.of(filter.split(" ")));
        return command;
    }

    private static Capture start(List<String> command, Path file) {
        Capture capture;
        try {
            capture = new Capture(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start tcpdump (Debian package tcpdump): " + command, e);
        }
        try {
            if (!capture.listening.await(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                capture.close();
                throw new IllegalStateException("tcpdump did not start listening within " + START_LIMIT.toSeconds()
                        + " s: " + command + "\n" + capture.messages());
            }
            if (!capture.process.isAlive()) {
                throw new IllegalStateException("tcpdump ended at once: " + command + "\n" + capture.messages());
            }
        } catch (InterruptedException e) {
            capture.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting tcpdump", e);
        }
        return capture;
    }

    /**
     * Stops tcpdump (after a short pause, so frames still on their way are written) and returns
     * the UDP datagrams it captured, in order.
     */
    public List<Pcap.UdpPacket> stop() throws IOException {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        return Pcap.udpPackets(file);
    }

    public Path file() {
        return file;
    }

    /** What tcpdump printed on standard error ("listening on ...", "N packets captured"). */
    public String messages() {
        synchronized (messages) {
            return String.join("\n", messages);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            Processes.stop(process, Duration.ofSeconds(5));
        }
    }

    private void readMessages() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (messages) {
                    messages.add(line);
                }
                if (line.contains("listening on")) { // "tcpdump: listening on eth0, ..."
                    listening.countDown();
                }
            }
        } catch (IOException e) {
            // tcpdump ended
        } finally {
            listening.countDown();
        }
    }
}
