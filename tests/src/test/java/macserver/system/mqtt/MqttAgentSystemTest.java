package macserver.system.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import macserver.system.support.AgentFirmware;
import macserver.system.support.Mosquitto;
import macserver.system.support.PahoRequester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged firmware's MQTT agent against a private mosquitto on loopback (issue 5, section 5). */
class MqttAgentSystemTest {
    @TempDir
    Path dir;

    @Test
    void seedCommandsPrintAndErrorWithMosquittoClientsAndPaho() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false);
             AgentFirmware fw = AgentFirmware.start(dir.resolve("flash.img"), "r1",
                     "address=127.0.0.1 port=" + broker.port())) {
            fw.awaitOnline(broker);
            String status = broker.retained(fw.statusTopic(), 5);
            assertTrue(status.matches("\\{\"state\":\"online\",\"identity\":\"MikroTik\",\"version\":\"[^\"]+\","
                    + "\"board\":\"[^\"]+\",\"uptime\":\\d+,\"time\":\\d+}"), status);
            String t = fw.requestTopic();
            assertEquals("", broker.request(t, "/ip mac-server add name=my-mac-server", 10).strip());
            assertEquals("", broker.request(t, "/ip mac-server binding\nadd mac-address=00:01:02:03:04:05 server=my-mac-server",
                    10).strip());
            assertEquals("", broker.request(t, "/ip mac-server set my-mac-server default", 10).strip());
            String print = broker.request(t, "/ip mac-server print", 10);
            assertTrue(print.matches("(?s).*0\\s+\\*\\s+my-mac-server\\s+all.*"), print);
            assertEquals("bad command name foo (line 1 column 5)", broker.request(t, "/ip foo", 10).strip());
            assertTrue(broker.request(t, "{\"menu\":", 10).contains("\"error\":\"failure: malformed request"));

            try (PahoRequester paho = new PahoRequester(broker.uri(), "ops-console-1")) {
                paho.send(t, "{\"id\":\"p1\",\"menu\":\"/ip/mac-server/binding\",\"command\":\"add\","
                        + "\"arguments\":{\"mac-address\":\"00:01:02:03:04:06\",\"server\":\"my-mac-server\"}}", "c1");
                assertEquals("{\"id\":\"p1\",\"status\":\"ok\",\"output\":\"\"}", paho.answer("c1", 20));
                paho.send(t, "/ip mac-server binding print count-only", "c2");
                assertEquals("2", paho.answer("c2", 20).strip());
                paho.send(t, "/ip mac-server binding add mac-address=00:01:02:03:04:06 server=my-mac-server", "c3");
                assertTrue(paho.answer("c3", 20).contains("already"), paho.answers().toString());
            }
            String bindings = fw.consoleLine("/ip mac-server binding print count-only", "2");
            assertEquals("2", bindings.strip());
        }
    }

    @Test
    void lastWillSaysOfflineAfterKill9() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false)) {
            AgentFirmware fw = AgentFirmware.start(dir.resolve("flash.img"), "r2", "address=127.0.0.1 port=" + broker.port());
            try {
                fw.awaitOnline(broker);
                fw.kill9();
                String status = "";
                for (int i = 0; i < 20 && !status.contains("offline"); i++) {
                    status = broker.retained(fw.statusTopic(), 2);
                }
                assertTrue(status.startsWith("{\"state\":\"offline\""), status);
            } finally {
                fw.close();
            }
        }
    }

    @Test
    void passwordAndTlsListenersWrongPasswordAndAnAclThatForbidsRequests() throws Exception {
        Path conf = dir.resolve("broker");
        Files.createDirectories(conf);
        Path passwords = conf.resolve("passwd");
        Mosquitto.addUser(passwords, "r3", "right-pw");
        Mosquitto.addUser(passwords, "r4", "right-pw");
        Mosquitto.addUser(passwords, "ops", "ops-pw");
        Path acl = conf.resolve("acl");
        // Routers answer under ctl/; r4 may publish its status but may not read its request topic.
        Files.writeString(acl, "user r3\ntopic readwrite rtr/v1/r3/#\ntopic write ctl/#\n\n"
                + "user r4\ntopic write rtr/v1/r4/#\ntopic write ctl/#\n\nuser ops\ntopic readwrite #\n");
        try (Mosquitto broker = Mosquitto.start(conf, true, "password_file " + passwords, "acl_file " + acl)) {
            String[] ops = {"-u", "ops", "-P", "ops-pw"};
            String tls = "address=127.0.0.1 port=" + broker.tlsPort() + " ssl=yes ca-certificate=" + conf.resolve("ca.pem");
            try (AgentFirmware wrong = AgentFirmware.start(dir.resolve("wrong.img"), "r3", tls + " username=r3 password=wrong");
                 AgentFirmware good = AgentFirmware.start(dir.resolve("good.img"), "r3", tls + " username=r3 password=right-pw")) {
                String answer = "";
                for (int i = 0; i < 20 && !answer.startsWith("name:"); i++) {
                    answer = broker.request(good.requestTopic(), "/system identity print", 2, ops).strip();
                }
                good.console().send("/iot mqtt brokers print");
                good.console().await("CLIENT-ID", 10);
                assertEquals("name: MikroTik", answer, good.console().transcript() + broker.log().lines()
                        .filter(l -> !l.contains("PING")).reduce("", (a, b) -> a + "\n" + b));
                String log = broker.log();
                assertTrue(log.contains("not authorised") || log.contains("Bad user name or password")
                        || log.contains("disconnected, not authorised"), log);
            }
            try (AgentFirmware forbidden = AgentFirmware.start(dir.resolve("acl.img"), "r4",
                    "address=127.0.0.1 port=" + broker.port() + " username=r4 password=right-pw")) {
                String status = "";
                for (int i = 0; i < 20 && !status.contains("online"); i++) {
                    status = Mosquitto.run(null, 10, "mosquitto_sub", "-V", "mqttv5", "-p", Integer.toString(broker.port()),
                            "-u", "ops", "-P", "ops-pw", "-t", forbidden.statusTopic(), "-C", "1", "-W", "2").strip();
                }
                assertTrue(status.contains("online"), status);
                // mosquitto_rr gets no answer: the router never receives the request.
                assertEquals("Timed out", broker.request(forbidden.requestTopic(), "/ip mac-server add name=x", 5, ops).strip());
                assertEquals("0", forbidden.consoleLine("/ip mac-server print count-only", "0").strip());
            }
        }
    }

    @Test
    void brokerRestartedInABurstOfAThousandAddsAppliesEachOnce() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false);
             AgentFirmware fw = AgentFirmware.start(dir.resolve("flash.img"), "r5", "address=127.0.0.1 port=" + broker.port())) {
            fw.awaitOnline(broker);
            assertEquals("", broker.request(fw.requestTopic(), "/ip mac-server add name=s", 10).strip());
            try (PahoRequester paho = new PahoRequester(broker.uri(), "ops-burst")) {
                List<String> ids = new ArrayList<>();
                Thread restart = null;
                for (int i = 0; i < 1000; i++) {
                    String id = "add-" + i;
                    ids.add(id);
                    paho.send(fw.requestTopic(), add(i), id);
                    if (i == 300) {
                        restart = Thread.ofPlatform().start(() -> {
                            try {
                                broker.restart(1000);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                }
                restart.join();
                // An operator resends what got no answer (same correlation): the router must not apply it twice.
                for (int round = 0; round < 12 && paho.answers().size() < ids.size(); round++) {
                    Thread.sleep(5000);
                    paho.reconnect();
                    for (int i = 0; i < ids.size(); i++) {
                        if (!paho.answers().containsKey(ids.get(i))) {
                            paho.send(fw.requestTopic(), add(i), ids.get(i));
                        }
                    }
                }
                assertEquals(1000, paho.answers().size());
                for (String id : ids) {
                    assertEquals("", paho.answers().get(id), id);
                }
            }
            assertEquals("1000", fw.consoleLine("/ip mac-server binding print count-only", "1000").strip());
        }
    }

    private static String add(int i) {
        return String.format("/ip mac-server binding add mac-address=02:00:00:00:%02X:%02X server=s", i >> 8, i & 0xff);
    }

    @Test
    void requestsSentWhileTheRouterWasAwayAreHandledWhenItReturns() throws Exception {
        Path flash = dir.resolve("flash.img");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), false)) {
            String topic;
            try (AgentFirmware fw = AgentFirmware.start(flash, "r6", "address=127.0.0.1 port=" + broker.port())) {
                fw.awaitOnline(broker);
                topic = fw.requestTopic();
                assertEquals("", broker.request(topic, "/ip mac-server add name=s", 10).strip());
                fw.kill9();
            }
            try (PahoRequester paho = new PahoRequester(broker.uri(), "ops-away")) {
                for (int i = 0; i < 5; i++) {
                    paho.send(topic, add(i), "away-" + i);
                }
                assertEquals(null, paho.answer("away-0", 2));
                try (AgentFirmware back = AgentFirmware.start(flash, "r6", null)) {
                    for (int i = 0; i < 5; i++) {
                        assertNotNull(paho.answer("away-" + i, 60), "no answer to away-" + i + "\n" + back.console().transcript());
                        assertEquals("", paho.answers().get("away-" + i));
                    }
                    assertEquals("5", back.consoleLine("/ip mac-server binding print count-only", "5").strip());
                }
            }
        }
    }
}
