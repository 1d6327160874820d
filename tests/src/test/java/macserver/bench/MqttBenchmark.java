package macserver.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import macserver.system.support.AgentFirmware;
import macserver.system.support.Mosquitto;
import macserver.system.support.PahoRequester;

/**
 * Binding adds per second end to end through a private mosquitto on loopback: an operator's Paho
 * client publishes QoS 1 requests (Response Topic, Correlation Data) to the packaged firmware's
 * agent and waits for every answer. Baseline in the same run: the same number of adds typed into
 * the firmware's console. Each add is durable on flash before its answer in both. Run with
 * {@code make bench}.
 */
public final class MqttBenchmark {
    public static void main(String[] args) throws Exception {
        int adds = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        Path dir = Files.createTempDirectory("mqtt-bench");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false);
             AgentFirmware fw = AgentFirmware.start(dir.resolve("flash.img"), "bench",
                     "address=127.0.0.1 port=" + broker.port())) {
            fw.console().send("/ip mac-server add name=bench");
            String status = "";
            for (int i = 0; i < 30 && !status.contains("online"); i++) {
                status = broker.retained(fw.statusTopic(), 2);
            }

            long start = System.nanoTime();
            for (int i = 0; i < adds; i++) {
                fw.console().send(add(0x02, i));
            }
            fw.console().send("/ip mac-server binding print count-only");
            fw.console().awaitLine(Integer.toString(adds), 600);
            double console = adds / ((System.nanoTime() - start) / 1e9);
            System.out.printf("mqtt: console adds done (%.0f adds/s)%n", console);

            try (PahoRequester paho = new PahoRequester(broker.uri(), "bench-operator")) {
                start = System.nanoTime();
                for (int i = 0; i < adds; i++) {
                    paho.send(fw.requestTopic(), add(0x06, i), "b" + i);
                }
                if (paho.answer("b" + (adds - 1), 600) == null) {
                    throw new IllegalStateException("answers missing: " + paho.answers().size() + " of " + adds);
                }
                while (paho.answers().size() < adds) {
                    Thread.sleep(1);
                }
                double mqtt = adds / ((System.nanoTime() - start) / 1e9);
                long errors = paho.answers().values().stream().filter(a -> !a.isEmpty()).count();
                System.out.printf("mqtt: %d binding adds through mosquitto (request -> response): %.0f adds/s (errors: %d)%n",
                        adds, mqtt, errors);
                System.out.printf("mqtt: baseline, the same adds on the console: %.0f adds/s%n", console);
                System.out.printf("mqtt: ratio mqtt/console: %.2f%n", mqtt / console);
                Figures.record("mqtt.adds-per-s", mqtt);
                Figures.record("mqtt.console-adds-per-s", console);
                Figures.record("mqtt.errors", errors);
            }
        }
    }

    private static String add(int first, int i) {
        return String.format("/ip mac-server binding add mac-address=%02X:00:00:00:%02X:%02X server=bench", first,
                i >> 8 & 0xff, i & 0xff);
    }
}
