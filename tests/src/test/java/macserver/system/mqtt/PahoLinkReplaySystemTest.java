package macserver.system.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import macserver.mqtt.BrokerSettings;
import macserver.mqtt.LinkSettings;
import macserver.mqtt.MqttLink;
import macserver.mqtt.PahoLink;
import macserver.system.support.Mosquitto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PahoLink against a real mosquitto: a subscription the broker kept in the session from an
 * earlier run gets no retained messages, unless {@link MqttLink#subscribeWithReplay} asks for them
 * (what a fleet router needs at every connection: see FleetBindings).
 */
class PahoLinkReplaySystemTest {
    private static final String FILTER = "replay/binding/#";
    private static final String RETAINED = "replay/binding/a";
    private static final String MARKER = "replay/binding/marker";

    @TempDir
    Path dir;

    @Test
    void aKeptSessionGetsRetainedMessagesAgainOnlyWhenAReplayIsAskedFor() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false)) {
            Mosquitto.run(null, 30, "mosquitto_pub", "-V", "mqttv5", "-p", Integer.toString(broker.port()), "-q", "1",
                    "-r", "-t", RETAINED, "-m", "kept");
            assertEquals(List.of(RETAINED + " kept retained", MARKER + " 1"), run(broker, false, "1"),
                    "a new session");
            assertEquals(List.of(MARKER + " 2"), run(broker, false, "2"), "the session kept from the first run");
            assertEquals(List.of(RETAINED + " kept retained", MARKER + " 3"), run(broker, true, "3"),
                    "the kept session, a replay asked for");
        }
    }

    /**
     * One run of a router with the same client id: subscribes, then publishes a marker under the
     * filter. The broker handles the SUBSCRIBE before the marker, so any retained message it sends
     * for it arrives first. Returns what arrived up to the marker.
     */
    private static List<String> run(Mosquitto broker, boolean replay, String marker) throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        MqttLink.Handler handler = (topic, payload, retained) ->
                got.add(topic + " " + new String(payload, StandardCharsets.UTF_8) + (retained ? " retained" : ""));
        try (PahoLink link = new PahoLink()) {
            if (replay) {
                link.subscribeWithReplay(FILTER, 1, handler);
            } else {
                link.subscribe(FILTER, 1, handler);
            }
            link.publish(MARKER, marker.getBytes(StandardCharsets.UTF_8), 1, false);
            link.configure(new LinkSettings(new BrokerSettings("127.0.0.1", broker.port(), false, null, null, null,
                    "replay-router", 60), "replay/status", () -> new byte[] {'1'}, new byte[] {'0'}));
            String mine = MARKER + " " + marker;
            List<String> out = new ArrayList<>();
            while (out.isEmpty() || !out.getLast().equals(mine)) {
                String m = got.poll(60, TimeUnit.SECONDS);
                if (m == null) {
                    throw new AssertionError("no marker within 60 s; got " + out + "\n" + broker.log());
                }
                // An earlier run's marker comes again if that run ended before its acknowledgement went out.
                if (!m.startsWith(MARKER) || m.equals(mine)) {
                    out.add(m);
                }
            }
            return out;
        }
    }
}
