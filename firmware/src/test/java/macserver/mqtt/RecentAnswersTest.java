package macserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RecentAnswersTest {
    @Test
    void keepsTheMostRecentlyUsedUpToItsCapacity() {
        RecentAnswers r = new RecentAnswers(2);
        r.put("a", new byte[] {1});
        r.put("b", new byte[] {2});
        r.get("a");
        r.put("c", new byte[] {3});
        assertEquals(2, r.size());
        assertNull(r.get("b"));
        assertArrayEquals(new byte[] {1}, r.get("a"));
        assertArrayEquals(new byte[] {3}, r.get("c"));
    }
}
