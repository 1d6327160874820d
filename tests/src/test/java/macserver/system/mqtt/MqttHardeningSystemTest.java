package macserver.system.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import macserver.system.support.AgentFirmware;
import macserver.system.support.Mosquitto;
import macserver.system.support.PahoRequester;
import macserver.system.support.TopicWatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, the MQTT rows (1, 3, 10, 11, 12, 15, 16), as an intruder tried them against the
 * packaged firmware through a real mosquitto on loopback: each attack is replayed and must now
 * get the expected behaviour.
 */
class MqttHardeningSystemTest {
    private static final String FLEET = "isp/fleet/north/binding/";

    @TempDir
    Path dir;

    private static String pub(Mosquitto broker, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("mosquitto_pub", "-V", "mqttv5", "-p",
                Integer.toString(broker.port()), "-q", "1"));
        cmd.addAll(List.of(args));
        return Mosquitto.run(null, 120, cmd.toArray(String[]::new));
    }

    /** Asks until the router answers (it may be reconnecting); the last answer. */
    private static String ask(Mosquitto broker, AgentFirmware fw, String line, String expect) throws Exception {
        String answer = "";
        for (int i = 0; i < 20 && !answer.equals(expect); i++) {
            answer = broker.request(fw.requestTopic(), line, 3).strip();
        }
        return answer;
    }

    private static String bindingJson(String mac, String action, long timestamp, String publisher) {
        return "{\"mac-address\":\"" + mac + "\",\"mac-server\":\"guests\",\"action\":\"" + action
                + "\",\"timestamp\":" + timestamp + ",\"publisher\":\"" + publisher + "\"}";
    }

    private static void awaitLine(AgentFirmware fw, String line, String expect, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            fw.console().send(line);
            String got = fw.console().awaitMatching("\\d+", 60).strip();
            if (got.equals(expect)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(line + ": " + got + ", expected " + expect + "\n" + fw.console().transcript());
            }
            Thread.sleep(500);
        }
    }

    @Test
    void aWriteAgentUserCannotMakeItselfFullAndRequestsNeedTheApiPolicy() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false);
             AgentFirmware fw = AgentFirmware.start(dir.resolve("flash.img"), "r1", "address=127.0.0.1 port=" + broker.port())) {
            fw.awaitOnline(broker);
            // Row 1: the agent's user (write) asks the router to act as admin, then to make itself full.
            assertEquals("not enough permissions (9)", ask(broker, fw, "/iot mqtt agent set user=admin",
                    "not enough permissions (9)"));
            assertEquals("not enough permissions (9)", broker.request(fw.requestTopic(), "/user set ops group=full", 10).strip());
            assertEquals("not enough permissions (9)", broker.request(fw.requestTopic(),
                    "/iot mqtt brokers add name=evil address=192.0.2.66", 10).strip());
            assertEquals("ops", fw.consoleLine("/iot mqtt agent get user", "ops"));
            assertEquals("write", fw.consoleLine("/user get ops group", "write"));
            // Row 15: a group without the api policy gets nothing done over MQTT, as REST needs rest-api.
            fw.console().send("/user group add name=no-api policy=read,write");
            fw.console().send("/user set ops group=no-api");
            fw.consoleLine("/user get ops group", "no-api");
            String refused = broker.request(fw.requestTopic(), "/ip mac-server add name=x", 10).strip();
            assertEquals("not enough permissions (9): requests over MQTT need the api policy in the group of the "
                    + "agent's user", refused);
            assertEquals("0", fw.consoleLine("/ip mac-server print count-only", "0"));
            fw.console().send("/user group set no-api policy=read,write,api");
            fw.consoleLine("/user group get no-api policy", "read,write,api");
            assertEquals("", broker.request(fw.requestTopic(), "/ip mac-server add name=x", 10).strip());
        }
    }

    @Test
    void oversizedRequestsAndFleetMessagesNeverReachASmallHeap() throws Exception {
        Path big = dir.resolve("request-40mb");
        Path bigFleet = dir.resolve("fleet-30mb");
        write(big, 40_000_000, "/ip mac-server add name=x comment=");
        write(bigFleet, 30_000_000, "{\"mac-address\":\"02:00:00:00:00:01\",\"comment\":\"");
        Path flash = dir.resolve("flash.img");
        List<String> heap = List.of("-Xmx48m");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false)) {
            try (AgentFirmware fw = AgentFirmware.start(flash, "r3", "address=127.0.0.1 port=" + broker.port(),
                    heap).joinFleet("north", "isp")) {
                fw.awaitOnline(broker);
                // Answered: the agent is subscribed after joining the fleet, so the big request reaches it.
                assertEquals("name: MikroTik", ask(broker, fw, "/system identity print", "name: MikroTik"));
                pub(broker, "-t", fw.requestTopic(), "-f", big.toString());
                pub(broker, "-r", "-t", FLEET + "02:00:00:00:00:01", "-f", bigFleet.toString());
                assertEquals("name: MikroTik", ask(broker, fw, "/system identity print", "name: MikroTik"),
                        fw.console().transcript());
                pub(broker, "-r", "-t", FLEET + "02:00:00:00:00:02", "-m",
                        bindingJson("02:00:00:00:00:02", "allow", System.currentTimeMillis(), "noc"));
                awaitLine(fw, "/ip mac-server binding print count-only where dynamic", "1", 60);
                fw.console().send("/system identity print");
                fw.console().await("name: MikroTik", 60);
                assertFalse(fw.console().transcript().contains("OutOfMemoryError"), fw.console().transcript());
            }
            // The oversized retained message is still on the broker: a restart must not meet it either.
            try (AgentFirmware back = AgentFirmware.start(flash, "r3", null, heap)) {
                assertEquals("name: MikroTik", ask(broker, back, "/system identity print", "name: MikroTik"),
                        back.console().transcript());
                pub(broker, "-r", "-t", FLEET + "02:00:00:00:00:03", "-m",
                        bindingJson("02:00:00:00:00:03", "allow", System.currentTimeMillis(), "noc"));
                awaitLine(back, "/ip mac-server binding print count-only where dynamic", "2", 60);
                assertFalse(back.console().transcript().contains("OutOfMemoryError"), back.console().transcript());
            }
        }
    }

    private static void write(Path file, int size, String head) throws IOException {
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'a');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (int left = size; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
        }
    }

    @Test
    void answersNeverGoIntoTheFleetsTreeNorOntoAnotherRoutersRequestTopic() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false);
             AgentFirmware fw = AgentFirmware.start(dir.resolve("flash.img"), "r10",
                     "address=127.0.0.1 port=" + broker.port()).joinFleet("north", "isp");
             TopicWatcher watcher = new TopicWatcher(broker.uri(), "onlooker", FLEET + "#", "rtr/v1/other/#",
                     fw.prefix() + "/response")) {
            fw.awaitOnline(broker);
            assertEquals("name: MikroTik", ask(broker, fw, "/system identity print", "name: MikroTik"));
            String mac = "02:00:00:00:00:09";
            String payload = "{\"line\":\"/ip mac-server binding print count-only\"}";
            for (String target : new String[] {FLEET + mac, "rtr/v1/other/request"}) {
                String rr = Mosquitto.run(null, 15, "mosquitto_rr", "-V", "mqttv5", "-p", Integer.toString(broker.port()),
                        "-t", fw.requestTopic(), "-e", target, "-m", payload, "-W", "3", "-q", "1").strip();
                assertEquals("Timed out", rr);
            }
            String response = fw.prefix() + "/response";
            assertNotNull(watcher.await(s -> s.topic().equals(response) && s.payload().matches(
                    "\\{\"status\":\"error\",\"error\":\"failure: response topic in (the|a) fleet's tree\"}"), 30),
                    watcher.seen().toString());
            assertNotNull(watcher.await(s -> s.topic().equals(response) && s.payload().equals(
                    "{\"status\":\"error\",\"error\":\"failure: response topic names another router's request topic\"}"), 30),
                    watcher.seen().toString());
            assertTrue(watcher.seen().stream().noneMatch(s -> s.topic().startsWith(FLEET) || s.topic().startsWith("rtr/v1/other")),
                    watcher.seen().toString());
            assertEquals("0", fw.consoleLine("/ip mac-server binding print count-only", "0"));
        }
    }

    @Test
    void aFleetVersionFromTheYear9999IsRefusedCountedAndNeverRepublished() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false);
             AgentFirmware fw = AgentFirmware.start(dir.resolve("flash.img"), "r11",
                     "address=127.0.0.1 port=" + broker.port()).joinFleet("north", "isp")) {
            fw.awaitOnline(broker);
            String mac = "02:00:00:00:00:0B";
            pub(broker, "-r", "-t", FLEET + mac, "-m", bindingJson(mac, "deny", 253_402_300_000_000L, "intruder"));
            fw.console().await("ignored (1 so far): timestamp 253402300000000 is more than 10 minutes ahead", 60);
            fw.console().send("/ip mac-server fleet status print");
            fw.console().awaitMatching("\\s*ignored: 1", 60);
            assertEquals("0", fw.consoleLine("/ip mac-server binding print count-only", "0"));
            String real = bindingJson(mac, "allow", System.currentTimeMillis(), "noc");
            pub(broker, "-r", "-t", FLEET + mac, "-m", real);
            awaitLine(fw, "/ip mac-server binding print count-only where mac-address=" + mac + " and action=allow", "1", 60);
            // The router holds the real version, so it has nothing older to correct on the broker.
            assertEquals(real, broker.retained(FLEET + mac, 5));
        }
    }

    @Test
    void aRetainedRequestIsAnsweredWithAnErrorAndNeverRunsNotEvenAfterARestart() throws Exception {
        Path flash = dir.resolve("flash.img");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false);
             TopicWatcher watcher = new TopicWatcher(broker.uri(), "onlooker", "rtr/v1/r12/response")) {
            // Left on the request topic before the router ever subscribed: its first subscription receives it.
            pub(broker, "-r", "-t", "rtr/v1/r12/request", "-m", "/ip mac-server add name=evil");
            try (AgentFirmware fw = AgentFirmware.start(flash, "r12", "address=127.0.0.1 port=" + broker.port())) {
                fw.awaitOnline(broker);
                TopicWatcher.Seen answer = watcher.await(s -> true, 60);
                assertNotNull(answer, fw.console().transcript());
                assertEquals("failure: retained request ignored (publish requests without the retain flag)",
                        answer.payload().strip());
                assertEquals("0", fw.consoleLine("/ip mac-server print count-only", "0"));
                // A resubscription (the agent restarted with new settings) meets it again, and ignores it again.
                fw.console().send("/iot mqtt agent set enabled=no");
                fw.console().send("/iot mqtt agent set enabled=yes");
                assertNotNull(watcher.await(s -> watcher.seen().size() >= 2, 60), watcher.seen().toString());
                fw.kill9();
            }
            try (AgentFirmware back = AgentFirmware.start(flash, "r12", null)) {
                back.awaitOnline(broker);
                assertEquals("", broker.request(back.requestTopic(), "/ip mac-server add name=live", 20).strip());
                assertEquals("1", back.consoleLine("/ip mac-server print count-only", "1"));
                assertEquals("1", back.consoleLine("/ip mac-server print count-only where name=live", "1"));
            }
        }
    }

    @Test
    void aRequestSeenAgainAfterARestartIsNotAppliedTwice() throws Exception {
        Path flash = dir.resolve("flash.img");
        // /radius entries have no unique name: the same add run twice makes two.
        String add = "/radius add address=192.0.2.9 secret=s service=mac-server";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false);
             PahoRequester ops = new PahoRequester(broker.uri(), "ops-retry")) {
            String topic;
            try (AgentFirmware fw = AgentFirmware.start(flash, "r12b", "address=127.0.0.1 port=" + broker.port())) {
                fw.awaitOnline(broker);
                topic = fw.requestTopic();
                ops.send(topic, add, "once");
                assertEquals("", ops.answer("once", 30), fw.console().transcript());
                fw.kill9();
            }
            ops.answers().clear();
            try (AgentFirmware back = AgentFirmware.start(flash, "r12b", null)) {
                back.awaitOnline(broker);
                ops.send(topic, add, "once");
                String again = ops.answer("once", 30);
                assertNotNull(again, back.console().transcript());
                assertTrue(again.startsWith("failure: request already applied before the router restarted"), again);
                assertEquals("1", back.consoleLine("/radius print count-only", "1"));
                ops.send(topic, add, "twice");
                assertEquals("", ops.answer("twice", 30));
                assertEquals("2", back.consoleLine("/radius print count-only", "2"));
            }
        }
    }

    @Test
    void theClientIdTellsNothingAboutTheDeviceKey() throws Exception {
        Path flash = dir.resolve("flash.img");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false);
             AgentFirmware fw = AgentFirmware.start(flash, "r16", "address=127.0.0.1 port=" + broker.port())) {
            fw.awaitOnline(broker);
            Matcher m = Pattern.compile("as (macserver-([0-9a-f]{12}))").matcher(broker.log());
            assertTrue(m.find(), broker.log());
            // The device key lies in the flash image (as hex text): an identifier cut from it would be found there.
            String image = new String(Files.readAllBytes(flash), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            assertEquals(-1, image.indexOf(m.group(2)), "client id " + m.group(1) + " is the device key's first bytes");
        }
    }
}
