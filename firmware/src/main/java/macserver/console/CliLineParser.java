package macserver.console;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Parser;

/**
 * Splits a RouterOS command line into words for completion: words end at whitespace outside
 * double quotes. It never rejects a line (an open quote is the CLI's error to report, not a reason
 * for the editor to ask for a continuation line) and never strips backslashes, which RouterOS
 * strings use as escapes.
 */
final class CliLineParser implements Parser {

    @Override
    public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
        int at = Math.clamp(cursor, 0, line.length());
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordCursor = 0;
        int start = -1;
        boolean quoted = false;
        for (int i = 0; i <= line.length(); i++) {
            boolean end = i == line.length();
            char c = end ? ' ' : line.charAt(i);
            boolean separator = end || (!quoted && Character.isWhitespace(c));
            if (!end && c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (separator) {
                if (start >= 0) {
                    if (at >= start && at <= i) {
                        wordIndex = words.size();
                        wordCursor = at - start;
                    }
                    words.add(line.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
                if (wordIndex < 0 && at < start) {
                    // The cursor sits in the gap before this word: completion starts a new, empty word there.
                    wordIndex = words.size();
                    words.add("");
                }
            }
        }
        if (wordIndex < 0) {
            wordIndex = words.size();
            words.add("");
        }
        return new CliParsedLine(line, at, List.copyOf(words), wordIndex, wordCursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    private record CliParsedLine(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
            implements CompletingParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }

        /** Candidates come from the CLI already written the way the CLI reads them. */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
