package macserver.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class DisplayTextTest {
    @Test
    void controlCharactersComeOutInRouterOsNotation() {
        assertEquals("evil\\1B[2J\\1B[31m\\07\\n\\r\\t\\7F\\9B", DisplayText.escape("evil\u001b[2J\u001b[31m\u0007\n\r\t\u007f\u009b"));
    }

    @Test
    void bidiControlsAndLoneSurrogatesAreEscapedTooButNotRealCharacters() {
        assertEquals("a\\E2\\80\\AEb", DisplayText.escape("a\u202eb"));
        assertEquals("\\uD800x\\uDC00", DisplayText.escape("\ud800x\udc00"));
        String fine = "café ß 😀 日本";
        assertSame(fine, DisplayText.escape(fine));
        assertFalse(DisplayText.hasUnsafe(fine));
        assertTrue(DisplayText.hasUnsafe("\u2066"));
    }

    @Test
    void aLogMessageCannotStartALineOfItsOwn() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "macserver: %4$s: %5$s%6$s%n");
        LogRecord r = new LogRecord(Level.INFO, "login failed for {0}");
        r.setParameters(new Object[] {"x\nmacserver: SEVERE: forged"});
        String line = new EscapingLogFormatter().format(r);
        assertEquals("macserver: INFO: login failed for x\\nmacserver: SEVERE: forged" + System.lineSeparator(), line);
    }
}
