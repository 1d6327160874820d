package macserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicFilterTest {
    @Test
    void exactPlusAndHash() {
        assertTrue(TopicFilter.matches("a/b", "a/b"));
        assertFalse(TopicFilter.matches("a/b", "a/b/c"));
        assertTrue(TopicFilter.matches("a/+/c", "a/x/c"));
        assertFalse(TopicFilter.matches("a/+/c", "a/x/y/c"));
        assertTrue(TopicFilter.matches("a/#", "a"));
        assertTrue(TopicFilter.matches("a/#", "a/b/c"));
        assertFalse(TopicFilter.matches("a/#", "b/a"));
    }

    @Test
    void wildcardsAtTheStartSkipDollarTopics() {
        assertFalse(TopicFilter.matches("#", "$SYS/broker/uptime"));
        assertFalse(TopicFilter.matches("+/broker/uptime", "$SYS/broker/uptime"));
        assertTrue(TopicFilter.matches("$SYS/#", "$SYS/broker/uptime"));
    }
}
