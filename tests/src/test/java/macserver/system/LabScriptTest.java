package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs firmware/bin/lab, the script behind `make run`, as root with a small shell command in place
 * of the firmware, and checks the namespaces it makes and that it always removes them.
 */
class LabScriptTest {
    private static final Path REPO = Path.of(System.getProperty("macserver.root", "..")).toAbsolutePath().normalize();
    private static final Path LAB = REPO.resolve("firmware/bin/lab");
    /** Guards against a hung script; not a speed requirement. */
    private static final long LIMIT_SECONDS = 60;
    private static final Pattern ROUTER_LINE =
            Pattern.compile("lab: router namespace (\\S+), interface (\\S+), MAC ([0-9a-f]{2}(?::[0-9a-f]{2}){5})");

    private LabRun lab;

    @BeforeAll
    static void requireRoot() throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assertEquals(0, uid, "LabScriptTest creates network namespaces, so it must run as root"
                + " (as it does in CI): run 'sudo make test'");
    }

    @AfterEach
    void removeLeftovers() throws Exception {
        if (lab != null) {
            lab.process.destroyForcibly();
            lab.process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
            for (String ns : List.of(lab.routerNs(), lab.clientNs())) {
                if (namespaces().contains(ns)) {
                    ip("netns", "del", ns);
                }
            }
        }
    }

    @Test
    void runsTheCommandInTheRouterNamespaceWithStdinAndRemovesBothNamespacesAfterwards() throws Exception {
        lab = LabRun.start("echo \"ns=$(ip netns identify) if=$LAB_ROUTER_IF mac=$LAB_ROUTER_MAC\";"
                + " read -r line; echo \"got=$line\"");

        Matcher router = ROUTER_LINE.matcher(lab.awaitLine(line -> ROUTER_LINE.matcher(line).matches()));
        assertTrue(router.matches());
        assertEquals(lab.routerNs(), router.group(1));
        assertEquals("ether1", router.group(2));
        String mac = router.group(3);
        lab.awaitLine(line -> line.equals("lab:   sudo ip netns exec " + lab.clientNs() + " macping " + mac));
        lab.awaitLine(line -> line.equals("lab:   sudo ip netns exec " + lab.clientNs() + " mactelnet " + mac + " -u admin"));
        lab.awaitLine(line -> line.equals("ns=" + lab.routerNs() + " if=ether1 mac=" + mac));

        // The command now waits for a line on its standard input: look at the lab meanwhile.
        List<String> during = namespaces();
        assertTrue(during.contains(lab.routerNs()), "router namespace missing while running: " + during);
        assertTrue(during.contains(lab.clientNs()), "client namespace missing while running: " + during);
        String routerLink = ip("-n", lab.routerNs(), "-o", "link", "show", "dev", "ether1");
        assertTrue(routerLink.contains("link/ether " + mac), "printed MAC is not the router end's: " + routerLink);
        assertTrue(routerLink.contains("state UP"), routerLink);
        String clientLink = ip("-n", lab.clientNs(), "-o", "link", "show", "dev", "eth0");
        assertTrue(clientLink.contains("state UP"), clientLink);
        assertTrue(ip("-n", lab.routerNs(), "-o", "link", "show", "dev", "lo").contains("UP"));

        lab.send("hello from the test\n");
        lab.awaitLine(line -> line.equals("got=hello from the test"));
        assertEquals(0, lab.awaitExit());
        assertNamespacesGone();
    }

    @Test
    void removesTheNamespacesWhenTheCommandFailsAndPassesOnItsStatus() throws Exception {
        lab = LabRun.start("echo \"inside $(ip netns identify)\"; exit 7");

        lab.awaitLine(line -> line.equals("inside " + lab.routerNs()));
        assertEquals(7, lab.awaitExit());
        assertNamespacesGone();
        lab.awaitLine(line -> line.equals("lab: removed namespaces " + lab.routerNs() + " " + lab.clientNs()));
    }

    @Test
    void removesTheNamespacesWhenTheCommandCannotStart() throws Exception {
        lab = LabRun.startArguments("/nonexistent/firmware");

        int status = lab.awaitExit();
        assertTrue(status != 0, "a missing program must not look like success");
        assertNamespacesGone();
    }

    @Test
    void removesTheNamespacesAndStopsTheCommandWhenTerminated() throws Exception {
        lab = LabRun.start("echo ready; exec sleep 600");
        lab.awaitLine(line -> line.equals("ready"));
        assertTrue(namespaces().contains(lab.routerNs()));
        List<ProcessHandle> children = lab.process.descendants().toList();
        assertFalse(children.isEmpty());

        lab.process.destroy(); // SIGTERM, as from kill or a service manager

        assertEquals(143, lab.awaitExit());
        assertNamespacesGone();
        for (ProcessHandle child : children) {
            child.onExit().get(LIMIT_SECONDS, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "the command outlived the lab: " + child.info());
        }
    }

    private void assertNamespacesGone() throws Exception {
        List<String> after = namespaces();
        assertFalse(after.contains(lab.routerNs()), "router namespace left behind: " + after);
        assertFalse(after.contains(lab.clientNs()), "client namespace left behind: " + after);
    }

    private static List<String> namespaces() throws Exception {
        // `ip netns list` prints "name" or "name (id: N)" per line.
        return ip("netns", "list").lines().map(line -> line.split(" ")[0]).toList();
    }

    private static String ip(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS), "ip did not finish: " + command);
        assertEquals(0, process.exitValue(), command + " failed: " + output);
        return output;
    }

    /** One run of the lab script, with its standard output and error read line by line. */
    private record LabRun(Process process, LinkedBlockingQueue<String> lines, List<String> seen) {
        static LabRun start(String labCommand) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(LAB.toString());
            builder.environment().put("LAB_COMMAND", labCommand);
            return start(builder);
        }

        static LabRun startArguments(String... command) throws IOException {
            List<String> arguments = new ArrayList<>(List.of(LAB.toString()));
            arguments.addAll(Arrays.asList(command));
            ProcessBuilder builder = new ProcessBuilder(arguments);
            builder.environment().remove("LAB_COMMAND");
            return start(builder);
        }

        private static LabRun start(ProcessBuilder builder) throws IOException {
            Process process = builder.start();
            LabRun run = new LabRun(process, new LinkedBlockingQueue<>(), new ArrayList<>());
            run.pump(process.getInputStream());
            run.pump(process.getErrorStream());
            return run;
        }

        /** The script names its namespaces after its own process id. */
        String routerNs() {
            return "msrv-" + process.pid() + "-router";
        }

        String clientNs() {
            return "msrv-" + process.pid() + "-client";
        }

        String awaitLine(java.util.function.Predicate<String> wanted) throws InterruptedException {
            synchronized (seen) {
                for (String line : seen) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && wanted.test(line)) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    Thread.sleep(100); // let the readers drain what the process wrote last
                    if (lines.isEmpty()) {
                        break;
                    }
                }
            }
            synchronized (seen) {
                return fail("expected line not printed; the lab printed: " + seen);
            }
        }

        void send(String text) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.close();
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                fail("the lab script did not finish; it printed: " + seen);
            }
            return process.exitValue();
        }

        private void pump(InputStream stream) {
            Thread.ofVirtual().start(() -> {
                try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        synchronized (seen) {
                            seen.add(line);
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(reading the lab's output failed: " + e + ")");
                }
            });
        }
    }
}
