package macserver.console;

import java.util.List;
import java.util.function.Supplier;
import macserver.cli.CliSession;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Asks the CLI for the words that can replace the word at the cursor. Nothing while no one is logged in. */
final class CliCompleter implements Completer {

    private final Supplier<CliSession> session;

    CliCompleter(Supplier<CliSession> session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        CliSession cli = session.get();
        if (cli == null) {
            return;
        }
        for (String word : cli.complete(line.line().substring(0, line.cursor()))) {
            if (!word.isEmpty()) {
                candidates.add(new Candidate(word, word, null, null, null, null, isWholeWord(word)));
            }
        }
    }

    /** A property name ({@code name=}) or a menu path ({@code ip/}) still expects more, so no space after it. */
    private static boolean isWholeWord(String word) {
        return !word.endsWith("=") && !word.endsWith("/");
    }
}
