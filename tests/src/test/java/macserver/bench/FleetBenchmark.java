package macserver.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import macserver.system.support.AgentFirmware;
import macserver.system.support.Mosquitto;
import macserver.system.support.PahoRequester;

/**
 * Fleet convergence through a private mosquitto on loopback: three packaged firmware processes
 * join one fleet group, an operator publishes N retained bindings, and the time until every
 * router shows all N as dynamic bindings is measured. Baseline in the same run: the time the
 * operator's client needs to hand all N publishes to the broker (QoS 1, acknowledged). Run with
 * {@code make bench}.
 */
public final class FleetBenchmark {
    public static void main(String[] args) throws Exception {
        int bindings = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("fleet-bench");
        AgentFirmware[] routers = new AgentFirmware[3];
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false)) {
            for (int i = 0; i < routers.length; i++) {
                routers[i] = AgentFirmware.start(dir.resolve("flash-" + i + ".img"), "fb" + i,
                        "address=127.0.0.1 port=" + broker.port());
                routers[i].console().send("/ip mac-server add name=guests");
                routers[i].console().send("/iot mqtt agent set fleet-group=bench fleet-prefix=isp");
            }
            long start;
            long published;
            try (PahoRequester noc = new PahoRequester(broker.uri(), "noc-bench")) {
                long t = System.currentTimeMillis();
                start = System.nanoTime();
                for (int i = 0; i < bindings; i++) {
                    String mac = String.format("02:BB:00:%02X:%02X:%02X", i >> 16, (i >> 8) & 0xff, i & 0xff);
                    noc.publishRetained("isp/fleet/bench/binding/" + mac, "{\"mac-address\":\"" + mac
                            + "\",\"mac-server\":\"guests\",\"timestamp\":" + (t + i) + ",\"publisher\":\"noc\"}");
                }
                noc.awaitDelivered(600);
                published = System.nanoTime();
            }
            for (AgentFirmware r : routers) {
                String want = Integer.toString(bindings);
                while (true) {
                    r.console().send("/ip mac-server binding print count-only where dynamic");
                    if (r.console().awaitMatching("\\d+", 60).strip().equals(want)) {
                        break;
                    }
                    Thread.sleep(50);
                }
            }
            double converge = (System.nanoTime() - start) / 1e6;
            double publish = (published - start) / 1e6;
            System.out.printf("fleet: %,d bindings published in %.0f ms, applied on 3 routers after %.0f ms (ratio %.2f)%n",
                    bindings, publish, converge, converge / publish);
            Figures.record("fleet.bindings", bindings);
            Figures.record("fleet.converge-ms", converge);
            Figures.record("fleet.publish-ms", publish);
        } finally {
            for (AgentFirmware r : routers) {
                if (r != null) {
                    r.close();
                }
            }
        }
    }
}
