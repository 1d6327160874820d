package macserver.console;

import java.util.function.Supplier;
import macserver.cli.CliSession;
import org.jline.reader.Buffer;
import org.jline.reader.LineReader;
import org.jline.reader.Widget;

/**
 * RouterOS v6 context help: {@code ?} (or F1, as on v7) shows what can follow the text before the
 * cursor, then redraws the line being typed. Inside a quoted string, after a backslash, or
 * before login, {@code ?} is an ordinary character.
 */
final class ContextHelp {

    private final LineReader reader;
    private final Supplier<CliSession> session;
    private final Supplier<String> prompt;

    ContextHelp(LineReader reader, Supplier<CliSession> session, Supplier<String> prompt) {
        this.reader = reader;
        this.session = session;
        this.prompt = prompt;
    }

    /** The widget for the {@code ?} key. */
    Widget questionMark() {
        return () -> {
            Buffer buffer = reader.getBuffer();
            String before = buffer.upToCursor();
            if (session.get() == null || insideQuotes(before) || before.endsWith("\\")) {
                buffer.write('?');
                return true;
            }
            return show(before);
        };
    }

    /** The widget for F1, which never inserts anything. */
    Widget functionKey() {
        return () -> session.get() != null && show(reader.getBuffer().upToCursor());
    }

    private boolean show(String before) {
        String help = session.get().help(before);
        String shown = prompt.get() + reader.getBuffer() + "\n" + help;
        reader.printAbove(shown.endsWith("\n") ? shown : shown + "\n");
        return true;
    }

    private static boolean insideQuotes(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
        }
        return quoted;
    }
}
