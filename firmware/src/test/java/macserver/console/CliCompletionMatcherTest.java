package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class CliCompletionMatcherTest {

    private final CliCompletionMatcher matcher = new CliCompletionMatcher();

    private void compile(String line) {
        CompletingParsedLine parsed = new CliLineParser().parse(line, line.length(), ParseContext.COMPLETE);
        matcher.compile(Map.of(), false, parsed, false, 0, null);
    }

    @Test
    void keepsCandidatesThatAreNotPrefixMatches() {
        compile("interface mt");
        List<Candidate> offered = List.of(new Candidate("monitor-traffic"));

        assertEquals(offered, matcher.matches(offered));
        assertNull(matcher.exactMatch());
    }

    @Test
    void commonPrefixOfAllCandidates() {
        compile("/ip mac");
        matcher.matches(List.of(new Candidate("mac-server"), new Candidate("mac-scan")));

        assertEquals("mac-s", matcher.getCommonPrefix());
    }

    @Test
    void exactMatchIsTheCandidateEqualToTheWord() {
        compile("print");
        matcher.matches(List.of(new Candidate("print"), new Candidate("print-all")));

        assertEquals("print", matcher.exactMatch().value());
    }
}
