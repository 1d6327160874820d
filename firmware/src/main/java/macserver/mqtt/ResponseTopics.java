package macserver.mqtt;

/**
 * Where the agent may send an answer. A request's Response Topic is the requester's choice, so
 * left unchecked it makes the router publish, under its own broker identity, wherever the
 * requester likes: onto a fleet binding topic (every router of the group would apply the answer as
 * a binding), into its own tree, or onto another router's request topic. Answers therefore go only
 * to topics outside the router's tree (except {@code <prefix>/response}) and outside any fleet
 * tree, and never to a topic that reads as another router's request, status or state topic.
 */
final class ResponseTopics {
    private final AgentTopics topics;
    private final String fleetTree;

    /** {@code fleetPrefix} is the agent's fleet prefix (whether or not it is in a group); null: none. */
    ResponseTopics(AgentTopics topics, String fleetPrefix) {
        this.topics = topics;
        this.fleetTree = fleetPrefix == null || fleetPrefix.isEmpty() ? null : fleetPrefix + "/fleet";
    }

    /** The topic to answer on: {@code requested}, or the router's response topic when none was named. */
    String answerTopic(String requested) {
        return requested == null || requested.isEmpty() ? topics.response() : requested;
    }

    /** Why an answer may not go to {@code topic}, or null when it may. */
    String refusal(String topic) {
        if (topic.equals(topics.response())) {
            return null;
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\0') >= 0) {
            return "wildcards in a response topic";
        }
        if (topic.startsWith("$")) {
            return "response topic in the broker's own tree";
        }
        if (under(topic, topics.prefix())) {
            return "response topic in the router's own tree";
        }
        if (fleetTree != null && under(topic, fleetTree)) {
            return "response topic in the fleet's tree";
        }
        String[] levels = topic.split("/", -1);
        for (int i = 0; i + 2 < levels.length; i++) {
            if (levels[i].equals("fleet") && (levels[i + 2].equals("binding") || levels[i + 2].equals("sync"))) {
                return "response topic in a fleet's tree";
            }
        }
        String last = levels[levels.length - 1];
        if (levels.length > 1 && (last.equals("request") || last.equals("status") || last.equals("state"))) {
            return "response topic names another router's " + last + " topic";
        }
        return null;
    }

    private static boolean under(String topic, String root) {
        return topic.equals(root) || topic.startsWith(root + "/");
    }
}
