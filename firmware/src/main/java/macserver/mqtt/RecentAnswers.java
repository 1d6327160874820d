package macserver.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers to the last requests, by request key (correlation data or id): QoS 1 may deliver a
 * request twice, and a requester may resend one it got no answer to; the second copy gets the
 * first answer and changes nothing.
 */
final class RecentAnswers {
    private final Map<String, byte[]> answers;

    RecentAnswers(int capacity) {
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized byte[] get(String key) {
        return answers.get(key);
    }

    synchronized void put(String key, byte[] answer) {
        answers.put(key, answer);
    }

    synchronized int size() {
        return answers.size();
    }
}
