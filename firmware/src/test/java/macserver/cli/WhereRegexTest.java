package macserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code where prop~"regex"}: RE2 semantics, bounded time, and the first pass that leaves no trace. */
class WhereRegexTest {
    private CliSession cli;

    @BeforeEach
    void setUp() {
        cli = new ModelCliSessions(TestModels.fresh().model, "test").open("admin", Plane.STDIO);
        assertEquals("", cli.execute("/ip mac-server add name=s1"));
        for (int i = 0; i < 8; i++) {
            assertEquals("", cli.execute("/ip mac-server binding add mac-address=00:01:02:03:04:0" + i + " server=s1"
                    + " comment=desk" + i));
        }
    }

    @Test
    void aPatternThatBacktracksExponentiallyInJavaRegexAnswersAtOnce() {
        // java.util.regex took 105 s on these 8 bindings; RE2 is linear in the text.
        String out = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> cli.execute("/ip mac-server binding print count-only where mac-address~\"(((.+)*)*)*x\""));
        assertEquals("0\n", out);
        String many = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> cli.execute("/ip mac-server binding print count-only where comment~\"(((.+)*)*)*[0-9]\""));
        assertEquals("8\n", many);
    }

    @Test
    void matchesAsBeforeAndCombinesWithOtherTests() {
        assertEquals("2\n", cli.execute("/ip mac-server binding print count-only where comment~\"desk[34]\\$\""));
        assertEquals("1\n", cli.execute(
                "/ip mac-server binding print count-only where comment~\"desk[34]\" and mac-address=00:01:02:03:04:03"));
        assertEquals("3\n", cli.execute(
                "/ip mac-server binding print count-only where comment~\"desk[34]\" or !(comment~\"desk[1-7]\")"));
        assertEquals("*4;*5\n", cli.execute("/ip mac-server binding find where comment~\"k[34]\""));
    }

    @Test
    void numbersFromAPrintWithAPatternAreThoseItShowed() {
        String out = cli.execute("/ip mac-server binding print where comment~\"desk[67]\"");
        assertTrue(out.contains("desk6") && out.contains("desk7") && !out.contains("desk5"), out);
        assertEquals("", cli.execute("/ip mac-server binding remove 0"));
        String left = cli.execute("/ip mac-server binding print");
        assertFalse(left.contains("desk6"), left);
        assertTrue(left.contains("desk7") && left.contains("desk0"), left);
    }

    @Test
    void aFailedFirstPassKeepsTheNumbersOfTheLastPrint() {
        cli.execute("/ip mac-server binding print where comment=desk5");
        String bad = cli.execute("/ip mac-server binding print where comment~\"desk(\"");
        assertTrue(bad.startsWith("invalid regular expression (line 1 column "), bad);
        assertEquals("", cli.execute("/ip mac-server binding remove 0"));
        assertFalse(cli.execute("/ip mac-server binding print").contains("desk5"));
    }

    @Test
    void aPatternInsideAWritingCommandIsAnsweredAtOnce() {
        assertEquals("", cli.execute("/ip mac-server binding remove [find where comment~\"desk[0-3]\"]"));
        assertEquals("4\n", cli.execute("/ip mac-server binding print count-only"));
    }

    @Test
    void verdictsAreNotedFirstAndDecidedLater() throws CliException {
        RegexVerdicts v = RegexVerdicts.collecting();
        v.compile("a+b", 1);
        assertFalse(v.test("a+b", "xaab"), "the first pass answers no match");
        assertEquals(0, v.decided());
        v.decide();
        assertEquals(1, v.decided());
        assertTrue(v.test("a+b", "xaab"));
        assertFalse(v.test("a+b", "xaa"), "a text the first pass did not see is matched when asked");
        RegexVerdicts now = RegexVerdicts.immediate();
        now.compile("^x", 1);
        assertTrue(now.test("^x", "xy"));
    }
}
