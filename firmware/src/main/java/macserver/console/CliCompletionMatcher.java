package macserver.console;

import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.CompletionMatcher;
import org.jline.reader.LineReader;

/**
 * Keeps every candidate the CLI offered. RouterOS accepts abbreviations, substrings and initials
 * ({@code mt} completes to {@code monitor-traffic}), so JLine's own prefix and typo filters would
 * throw away answers the CLI already chose deliberately.
 */
final class CliCompletionMatcher implements CompletionMatcher {

    private String word = "";
    private List<Candidate> candidates = List.of();

    @Override
    public void compile(Map<LineReader.Option, Boolean> options, boolean prefix, CompletingParsedLine line,
            boolean caseInsensitive, int errors, String originalGroupName) {
        word = prefix ? line.word().substring(0, line.wordCursor()) : line.word();
        candidates = List.of();
    }

    @Override
    public List<Candidate> matches(List<Candidate> offered) {
        candidates = List.copyOf(offered);
        return candidates;
    }

    @Override
    public Candidate exactMatch() {
        return candidates.stream().filter(c -> c.value().equals(word)).findFirst().orElse(null);
    }

    @Override
    public String getCommonPrefix() {
        if (candidates.isEmpty()) {
            return word;
        }
        String common = candidates.getFirst().value();
        for (Candidate c : candidates) {
            int n = 0;
            String value = c.value();
            while (n < common.length() && n < value.length() && common.charAt(n) == value.charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return common;
    }
}
