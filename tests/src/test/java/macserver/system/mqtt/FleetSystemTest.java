package macserver.system.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import macserver.system.support.AgentFirmware;
import macserver.system.support.Mosquitto;
import macserver.system.support.PahoRequester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet bindings through a real mosquitto (issue 5, sections 3 and 5): three packaged firmware
 * processes in one group converge on 10,000 retained bindings, one of them killed while the
 * bindings are pushed and started again from its flash afterwards.
 */
class FleetSystemTest {
    private static final int BINDINGS = 10_000;
    private static final int REMOVED = 100;
    private static final String GROUP_ROOT = "isp/fleet/north/binding/";
    private static final String DYNAMIC_COUNT = "/ip mac-server binding print count-only where dynamic";
    private static final Pattern MAC_VALUE = Pattern.compile("mac-address=([0-9A-Fa-f:]{17})");
    /** How many missing or extra MACs a failure lists with their fleet entries. */
    private static final int SHOWN = 20;

    @TempDir
    Path dir;

    @Test
    void threeRoutersConvergeOnTenThousandBindingsOneOfThemRestartedMidway() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false)) {
            String brokerArgs = "address=127.0.0.1 port=" + broker.port();
            AgentFirmware[] routers = new AgentFirmware[3];
            try {
                for (int i = 0; i < routers.length; i++) {
                    routers[i] = AgentFirmware.start(flash(i), "f" + i, brokerArgs).joinFleet("north", "isp");
                }
                long started = System.nanoTime();
                try (PahoRequester noc = new PahoRequester(broker.uri(), "noc-fleet")) {
                    long t = System.currentTimeMillis();
                    for (int i = 0; i < BINDINGS; i++) {
                        assertTrue(noc.publishRetained(topic(i), binding(i, "allow", t + i, "noc")), "publish " + i);
                        if (i == BINDINGS * 2 / 5) {
                            routers[2].kill9();
                        }
                    }
                    // Removals are tombstones, newer than the bindings they end.
                    for (int i = 0; i < REMOVED; i++) {
                        noc.publishRetained(topic(i), "{\"mac-address\":\"" + mac(i) + "\",\"deleted\":true,\"timestamp\":"
                                + (t + BINDINGS + i) + ",\"publisher\":\"noc\"}");
                    }
                    // Two writers for one MAC, the newer version arriving first: last writer wins by timestamp.
                    int contested = BINDINGS - 1;
                    noc.publishRetained(topic(contested), binding(contested, "deny", t + 3 * BINDINGS, "noc-b"));
                    noc.publishRetained(topic(contested), binding(contested, "allow", t + 2 * BINDINGS, "noc-a"));
                }
                routers[2].close();
                routers[2] = AgentFirmware.start(flash(2), "f2", null);

                for (int i = 0; i < routers.length; i++) {
                    awaitBindings(routers[i], "f" + i);
                }
                System.out.printf("fleet: %,d bindings on 3 routers (one restarted) converged in %.1f s%n",
                        BINDINGS - REMOVED, (System.nanoTime() - started) / 1e9);
                for (AgentFirmware r : routers) {
                    assertEquals("0", count(r, "/ip mac-server binding print count-only where mac-address=" + mac(0)));
                    assertEquals("1", count(r, "/ip mac-server binding print count-only where mac-address="
                            + mac(REMOVED) + " and server=guests and dynamic"));
                    // The contested MAC's count does not change with its version: wait for the winner itself.
                    awaitCount(r, "/ip mac-server binding print count-only where mac-address=" + mac(BINDINGS - 1)
                            + " and action=deny", 1, 60);
                }
            } finally {
                for (AgentFirmware r : routers) {
                    if (r != null) {
                        r.close();
                    }
                }
            }
        }
    }

    private Path flash(int router) {
        return dir.resolve("flash-" + router + ".img");
    }

    /** Waits for the expected bindings; a failure says which MACs are missing or extra and what the fleet holds of them. */
    private static void awaitBindings(AgentFirmware r, String name) throws Exception {
        try {
            awaitCount(r, DYNAMIC_COUNT, BINDINGS - REMOVED, 300);
        } catch (AssertionError e) {
            throw new AssertionError(name + ": " + e.getMessage() + "\n" + diagnosis(r), e);
        }
    }

    private static String diagnosis(AgentFirmware r) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder("---- fleet status ----\n");
        out.append(output(r, "/ip mac-server fleet status print"));
        Set<String> held = new TreeSet<>();
        Matcher m = MAC_VALUE.matcher(output(r, "/ip mac-server binding print terse proplist=mac-address where dynamic"));
        while (m.find()) {
            held.add(m.group(1).toUpperCase(Locale.ROOT));
        }
        Set<String> expected = new TreeSet<>();
        for (int i = REMOVED; i < BINDINGS; i++) {
            expected.add(mac(i));
        }
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(held);
        List<String> extra = new ArrayList<>(held);
        extra.removeAll(expected);
        out.append("---- ").append(missing.size()).append(" missing: ").append(missing).append('\n');
        out.append("---- ").append(extra.size()).append(" extra: ").append(extra).append('\n');
        List<String> shown = new ArrayList<>(missing.subList(0, Math.min(SHOWN, missing.size())));
        shown.addAll(extra.subList(0, Math.min(SHOWN, extra.size())));
        for (String mac : shown) {
            out.append(output(r, "/ip mac-server fleet print detail where mac-address=" + mac));
        }
        return out.toString();
    }

    /** What the console printed for {@code line} (and any log lines meanwhile). */
    private static String output(AgentFirmware r, String line) throws IOException, InterruptedException {
        int from = r.console().transcript().length();
        r.console().send(line);
        r.console().send("/system identity print");
        r.console().await("name: MikroTik", 120);
        return r.console().transcript().substring(from);
    }

    private static void awaitCount(AgentFirmware r, String line, int expected, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            last = count(r, line);
            if (last.equals(Integer.toString(expected))) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("expected " + expected + " from '" + line + "', last " + last + "\n"
                + r.console().transcript());
    }

    private static String count(AgentFirmware r, String line) throws IOException, InterruptedException {
        r.console().send(line);
        return r.console().awaitMatching("\\d+", 60).strip();
    }

    private static String mac(int i) {
        return String.format("02:AA:00:00:%02X:%02X", i >> 8, i & 0xff);
    }

    private static String topic(int i) {
        return GROUP_ROOT + mac(i);
    }

    private static String binding(int i, String action, long timestamp, String publisher) {
        return "{\"mac-address\":\"" + mac(i) + "\",\"mac-server\":\"guests\",\"action\":\"" + action
                + "\",\"timestamp\":" + timestamp + ",\"publisher\":\"" + publisher + "\"}";
    }
}
