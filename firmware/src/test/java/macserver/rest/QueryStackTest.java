package macserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStackTest {
    private static final Map<String, String> ITEM = Map.of("name", "a", "retry", "5", "disabled", "false");

    private static boolean matches(String... words) {
        return QueryStack.parse(List.of(words)).test(ITEM);
    }

    @Test
    void wordsAndTheStack() {
        assertTrue(matches());
        assertTrue(matches("name=a", "disabled=false"));
        assertFalse(matches("name=b"));
        assertTrue(matches("name=b", "name=a", "#|"));
        assertFalse(matches("name=a", "#!"));
        assertTrue(matches("retry", "-comment"));
        assertFalse(matches("comment"));
        assertTrue(matches("<retry=10", ">retry=4"));
        assertFalse(matches(">retry=10"));
        assertTrue(matches("name=x", "name=y", "#|!"));
    }

    @Test
    void theApisSpellingsMatchTooAndBooleansReadYesAndNo() {
        assertTrue(matches("?=name=a"));
        assertTrue(matches("=name=a"));
        assertTrue(matches("?name=a", "?disabled=no"));
        assertFalse(matches("?=name=b"));
        assertTrue(matches("disabled=no"));
        assertFalse(matches("disabled=yes"));
        assertFalse(matches("name=yes"));
        assertTrue(matches("?=comment="), "an empty value matches an unset property");
        assertFalse(matches("?=name="));
        assertTrue(matches("?=name=b", "?=name=a", "?#|"));
        assertTrue(matches("?=name=a", "?#.&"));
        assertTrue(matches("?=retry=5", "?=name=b", "?#0|"), "a copy of the value at position 0, or'ed with name=b");
        assertFalse(matches("?=retry=5", "?=name=b", "?#1|"));
        assertTrue(matches("?>retry=4"));
    }

    @Test
    void malformedWordsAreRefused() {
        for (String bad : List.of("#", "?#", "?", "=", "=name", "-", "<=5", "?#|", "?#3", "-a=b")) {
            RestException e = assertThrows(RestException.class, () -> matches(bad), bad);
            assertEquals(400, e.status());
            assertTrue(e.detail().startsWith("invalid query word"), e.detail());
        }
        RestException e = assertThrows(RestException.class, () -> matches("#|"));
        assertEquals(400, e.status());
        assertThrows(RestException.class, () -> matches("name=a", "#x"));
        assertThrows(RestException.class, () -> matches("<retry"));
    }
}
