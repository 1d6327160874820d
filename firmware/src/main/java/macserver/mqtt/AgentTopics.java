package macserver.mqtt;

/**
 * The management agent's topics under one prefix (e.g. {@code macserver/rb-0042}); the tree is
 * documented in the README.
 */
public record AgentTopics(String prefix) {
    public AgentTopics {
        if (prefix.isEmpty() || prefix.endsWith("/") || prefix.contains("+") || prefix.contains("#")) {
            throw new IllegalArgumentException("bad topic prefix: " + prefix);
        }
    }

    /** Retained {@code online}/{@code offline} JSON; the Last Will goes here. */
    public String status() {
        return prefix + "/status";
    }

    /** QoS 1 requests: a CLI line or a JSON operation. */
    public String request() {
        return prefix + "/request";
    }

    /** Where answers go when a request names no MQTT 5 Response Topic. */
    public String response() {
        return prefix + "/response";
    }

    /** Events of one type: session, login, binding, config. */
    public String event(String type) {
        return prefix + "/event/" + type;
    }

    /** Retained summary: counts and servers. */
    public String state() {
        return prefix + "/state";
    }
}
