package macserver.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import macserver.cli.CliSession;
import macserver.cli.CliSessions;
import macserver.config.Plane;
import macserver.json.JsonObject;

/**
 * Remote management over MQTT 5: runs the requests published to {@link AgentTopics#request()}
 * through the same CLI sessions as the console, with the permissions of the agent's user, and
 * answers to each request's Response Topic with its Correlation Data. A request seen again (same
 * correlation data, or same JSON id) gets the first answer again and is not run twice, and one
 * that changed the configuration is not run again after a restart either ({@link AnsweredRequests}). Requests
 * run one at a time on the link's worker, so a flood waits at the broker. A request is refused
 * (answered with an error, not run) when it came retained, when its Response Topic points into the
 * router's or a fleet's tree ({@link ResponseTopics}), or when the agent's user lacks the
 * {@value #REQUIRED_POLICY} policy.
 */
public final class ManagementAgent {
    private static final Logger LOG = Logger.getLogger(ManagementAgent.class.getName());
    static final int REMEMBERED_REQUESTS = 4096;
    /** RouterOS's policy for its API, as REST needs rest-api: a group without it is not managed remotely. */
    static final String REQUIRED_POLICY = "api";

    private final MqttLink link;
    private final CliSessions cli;
    private final AgentTopics topics;
    private final Supplier<String> user;
    private final Function<String, Set<String>> policies;
    private final ResponseTopics responses;
    private final AnsweredRequests stored;
    private final RecentAnswers recent = new RecentAnswers(REMEMBERED_REQUESTS);

    /**
     * {@code user} names the user whose permissions requests get, read per request (null: none
     * chosen), and {@code policies} gives that user's group's policies; {@code fleetPrefix} is the
     * fleet tree answers must stay out of (null: none); {@code stored} keeps the keys of requests
     * that changed something across restarts.
     */
    ManagementAgent(MqttLink link, CliSessions cli, AgentTopics topics, String fleetPrefix, Supplier<String> user,
                    Function<String, Set<String>> policies, AnsweredRequests stored) {
        this.link = link;
        this.cli = cli;
        this.topics = topics;
        this.user = user;
        this.policies = policies;
        this.responses = new ResponseTopics(topics, fleetPrefix);
        this.stored = stored;
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

    void onRequest(String topic, byte[] payload, String responseTopic, byte[] correlation, boolean retained) {
        String answerTopic = responses.answerTopic(responseTopic);
        Request r = null;
        Request.MalformedException malformed = null;
        try {
            r = Request.parse(payload);
        } catch (Request.MalformedException e) {
            malformed = e;
        }
        boolean json = r == null ? malformed.json() : r.json();
        String id = r == null ? null : r.id();
        String refused = responses.refusal(answerTopic);
        if (refused != null) {
            LOG.warning("mqtt: request refused: " + refused);
            send(topics.response(), answer(json, id, new CliSession.Answer("failure: " + refused + "\n", true)), correlation);
            return;
        }
        if (retained) {
            // A retained request would run again for every new subscription: at each restart, on every reconnect.
            send(answerTopic, answer(json, id, new CliSession.Answer(
                    "failure: retained request ignored (publish requests without the retain flag)\n", true)), correlation);
            return;
        }
        String key = correlation == null ? null : answerTopic + " " + HexFormat.of().formatHex(correlation);
        if (key == null && id != null) {
            key = answerTopic + " id " + id;
        }
        if (key != null && answerAgain(key, answerTopic, correlation)) {
            return;
        }
        if (key != null && r != null && stored.contains(key)) {
            send(answerTopic, answer(json, id, new CliSession.Answer("failure: request already applied before the "
                    + "router restarted; not run again (its answer is gone)\n", true)), correlation);
            return;
        }
        long mark = stored.mark();
        // What leads an event back to the request: its JSON id, else its correlation data.
        String request = id != null ? id : correlation != null ? HexFormat.of().formatHex(correlation) : null;
        byte[] answer = r == null ? answer(json, null, new CliSession.Answer(malformed.getMessage() + "\n", true))
                : run(r, request);
        if (key != null) {
            recent.put(key, answer);
            if (stored.changedSince(mark)) {
                stored.remember(key);
            }
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

    private byte[] run(Request r, String request) {
        String name = user.get();
        CliSession.Answer answer;
        if (name == null) {
            answer = new CliSession.Answer("failure: no user for remote requests (set user in /iot mqtt agent)\n", true);
        } else if (!policies.apply(name).contains(REQUIRED_POLICY)) {
            answer = new CliSession.Answer("not enough permissions (9): requests over MQTT need the "
                    + REQUIRED_POLICY + " policy in the group of the agent's user\n", true);
        } else {
            CliSession session = cli.open(name, Plane.MQTT, request);
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
        return answer(r.json(), r.id(), answer);
    }

    private static byte[] answer(boolean json, String id, CliSession.Answer a) {
        return json ? json(id, a) : utf8(a.output());
    }

    private static byte[] json(String id, CliSession.Answer a) {
        JsonObject o = new JsonObject();
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
