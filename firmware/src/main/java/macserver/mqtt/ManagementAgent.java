package macserver.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.logging.Logger;
import macserver.cli.CliSession;
import macserver.cli.CliSessions;
import macserver.cli.Plane;

/**
 * Remote management over MQTT 5: runs the requests published to {@link AgentTopics#request()}
 * through the same CLI sessions as the console, with the permissions of the agent's user, and
 * answers to each request's Response Topic with its Correlation Data. A request seen again (same
 * correlation data, or same JSON id) gets the first answer again and is not run twice. Requests
 * run one at a time on the link's worker, so a flood waits at the broker.
 */
public final class ManagementAgent {
    private static final Logger LOG = Logger.getLogger(ManagementAgent.class.getName());
    static final int REMEMBERED_REQUESTS = 4096;

    private final MqttLink link;
    private final CliSessions cli;
    private final AgentTopics topics;
    private final Supplier<String> user;
    private final RecentAnswers recent = new RecentAnswers(REMEMBERED_REQUESTS);

    /** {@code user} names the user whose permissions requests get, read per request (null: none chosen). */
    public ManagementAgent(MqttLink link, CliSessions cli, AgentTopics topics, Supplier<String> user) {
        this.link = link;
        this.cli = cli;
        this.topics = topics;
        this.user = user;
    }

    public AgentTopics topics() {
        return topics;
    }

    public void start() {
        link.subscribeRequests(topics.request(), 1, this::onRequest);
    }

    public void stop() {
        link.unsubscribe(topics.request());
    }

    void onRequest(String topic, byte[] payload, String responseTopic, byte[] correlation) {
        String answerTopic = responseTopic == null || responseTopic.isEmpty() ? topics.response() : responseTopic;
        String key = correlation == null ? null : answerTopic + " " + HexFormat.of().formatHex(correlation);
        if (key != null && answerAgain(key, answerTopic, correlation)) {
            return;
        }
        byte[] answer;
        try {
            Request r = Request.parse(payload);
            if (key == null && r.id() != null) {
                key = answerTopic + " id " + r.id();
                if (answerAgain(key, answerTopic, correlation)) {
                    return;
                }
            }
            answer = run(r);
        } catch (Request.MalformedException e) {
            answer = e.json() ? json(null, new CliSession.Answer(e.getMessage(), true)) : utf8(e.getMessage() + "\n");
        }
        if (key != null) {
            recent.put(key, answer);
        }
        send(answerTopic, answer, correlation);
    }

    private boolean answerAgain(String key, String answerTopic, byte[] correlation) {
        byte[] earlier = recent.get(key);
        if (earlier == null) {
            return false;
        }
        send(answerTopic, earlier, correlation);
        return true;
    }

    private void send(String topic, byte[] answer, byte[] correlation) {
        if (!link.publish(topic, answer, 1, false, correlation)) {
            LOG.warning("mqtt: answer to " + topic + " dropped: outgoing queue full");
        }
    }

    private byte[] run(Request r) {
        String name = user.get();
        CliSession.Answer answer;
        if (name == null) {
            answer = new CliSession.Answer("failure: no user for remote requests (set user in /iot mqtt agent)\n", true);
        } else {
            CliSession session = cli.open(name, Plane.MQTT);
            StringBuilder out = new StringBuilder();
            answer = null;
            for (String line : r.lines()) {
                CliSession.Answer a = session.answer(line);
                out.append(a.output());
                if (a.error()) {
                    answer = new CliSession.Answer(out.toString(), true);
                    break;
                }
            }
            if (answer == null) {
                answer = new CliSession.Answer(out.toString(), false);
            }
        }
        return r.json() ? json(r.id(), answer) : utf8(answer.output());
    }

    private static byte[] json(String id, CliSession.Answer a) {
        ObjectNode o = Request.JSON.createObjectNode();
        if (id != null) {
            o.put("id", id);
        }
        o.put("status", a.error() ? "error" : "ok");
        if (a.error()) {
            String out = a.output().stripTrailing();
            int nl = out.lastIndexOf('\n');
            o.put("error", out.substring(nl + 1));
            if (nl >= 0) {
                o.put("output", out.substring(0, nl + 1));
            }
        } else {
            o.put("output", a.output());
        }
        return utf8(o.toString());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
