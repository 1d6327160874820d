package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class CliLineParserTest {

    private final CliLineParser parser = new CliLineParser();

    @Test
    void wordAtTheCursor() {
        ParsedLine line = parser.parse("/ip mac-server pr", 17, ParseContext.COMPLETE);

        assertEquals(List.of("/ip", "mac-server", "pr"), line.words());
        assertEquals("pr", line.word());
        assertEquals(2, line.wordCursor());
    }

    @Test
    void cursorAfterASpaceStartsAnEmptyWord() {
        ParsedLine end = parser.parse("/ip ", 4, ParseContext.COMPLETE);
        ParsedLine gap = parser.parse("/ip  print", 4, ParseContext.COMPLETE);

        assertEquals("", end.word());
        assertEquals(1, end.wordIndex());
        assertEquals("", gap.word());
        assertEquals(List.of("/ip", "", "print"), gap.words());
    }

    @Test
    void quotedSpacesStayInTheWordAndAnOpenQuoteIsAccepted() {
        ParsedLine line = parser.parse("set comment=\"a b", 16, ParseContext.ACCEPT_LINE);

        assertEquals(List.of("set", "comment=\"a b"), line.words());
        assertFalse(parser.isEscapeChar('\\'));
    }
}
