package macserver.console;

import java.util.function.Supplier;
import macserver.cli.CliSession;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.MaskingCallback;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * The line editor of one terminal: JLine set up the RouterOS way (Tab completion from the CLI,
 * {@code ?}/F1 help, Ctrl-C cancels the line, Ctrl-D on an empty line logs out, a length limit),
 * with the history kept in memory for the current login only. Every read throws
 * {@link EndOfFileException} when the input has ended or the terminal was closed.
 */
final class CliLineEditor implements CommandEditor {

    /** Longer lines are refused: no RouterOS command needs them and redrawing them gets slow. */
    static final int MAX_LINE_CHARS = 4096;

    private static final String HELP_WIDGET = "macserver-help";
    private static final String HELP_KEY_WIDGET = "macserver-help-f1";
    private static final String LOGOUT_WIDGET = "macserver-logout";
    private static final String CANCEL_WIDGET = "macserver-cancel";
    /** Echoes what is typed but keeps it out of the history (login names). */
    private static final MaskingCallback NOT_IN_HISTORY = new MaskingCallback() {
        @Override
        public String display(String line) {
            return line;
        }

        @Override
        public String history(String line) {
            return null;
        }
    };

    /** How a read ended. */
    enum Kind {
        /** Enter: the text is the line. */
        TEXT,
        /** The line was longer than {@link #MAX_LINE_CHARS}; it must not run. */
        TOO_LONG,
        /** Ctrl-C. */
        CANCELLED,
        /** Ctrl-D on an empty line. */
        LOGOUT
    }

    /** One line read; the text is empty unless the kind is {@link Kind#TEXT}. */
    record Line(Kind kind, String text) {}

    /** Every editor's key maps are the same for a kind of terminal: one copy per kind, a few kinds. */
    private static final SharedKeyMaps KEY_MAPS = new SharedKeyMaps(16);

    private final Terminal terminal;
    private final PromptAdoptingReader reader;
    private final LineLengthLimit limit = new LineLengthLimit(MAX_LINE_CHARS);
    private volatile String prompt = "";
    /** How the current read is ending when a widget ends it early; TEXT while none has. */
    private Kind ending = Kind.TEXT;

    CliLineEditor(Terminal terminal, Supplier<CliSession> session) {
        this.terminal = terminal;
        this.reader = new PromptAdoptingReader(terminal);
        reader.setParser(new CliLineParser());
        reader.setCompleter(new CliCompleter(session));
        reader.setCompletionMatcher(new CliCompletionMatcher());
        reader.setHistory(new DefaultHistory());
        reader.setVariable(LineReader.HISTORY_SIZE, 100);
        // '!' is RouterOS's "not" (where !disabled), never a history reference.
        reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        reader.option(LineReader.Option.BRACKETED_PASTE, false);
        // First Tab completes, a second lists the choices, as RouterOS does; no menu mode.
        reader.option(LineReader.Option.AUTO_MENU, false);
        reader.option(LineReader.Option.AUTO_LIST, true);
        reader.option(LineReader.Option.LIST_AMBIGUOUS, true);
        limit.install(reader);
        ContextHelp help = new ContextHelp(reader, session, () -> prompt);
        reader.getWidgets().put(HELP_WIDGET, help.questionMark());
        reader.getWidgets().put(HELP_KEY_WIDGET, help.functionKey());
        // Line noise must not start an editor on the router or switch the key map under the user.
        reader.getWidgets().put(LineReader.EDIT_AND_EXECUTE_COMMAND, () -> false);
        reader.getWidgets().put(LineReader.VI_CMD_MODE, () -> false);
        // Line noise must not turn into repeat counts (ESC 9 9 9 9 x inserts thousands of x):
        // a serial console would then be busy echoing for minutes.
        reader.getWidgets().put(LineReader.DIGIT_ARGUMENT, () -> true);
        reader.getWidgets().put(LineReader.NEG_ARGUMENT, () -> true);
        reader.getWidgets().put(LineReader.UNIVERSAL_ARGUMENT, () -> true);
        reader.getWidgets().put(LOGOUT_WIDGET, this::logoutOrDelete);
        reader.getWidgets().put(CANCEL_WIDGET, () -> endRead(Kind.CANCELLED));
        bindKeys(reader.getKeyMaps().get(LineReader.MAIN), terminal);
        KEY_MAPS.share(reader, terminal);
    }

    /**
     * Ctrl-D. JLine would report it on an empty line as end of file, the same as a vanished
     * serial line, so the session terminals disable VEOF and this widget ends the read instead.
     */
    private boolean logoutOrDelete() {
        if (reader.getBuffer().length() == 0) {
            return endRead(Kind.LOGOUT);
        }
        return reader.getBuiltinWidgets().get(LineReader.DELETE_CHAR_OR_LIST).apply();
    }

    /** Ends the current read with an empty line (so nothing enters the history) marked as {@code kind}. */
    private boolean endRead(Kind kind) {
        ending = kind;
        reader.getBuffer().clear();
        return reader.getBuiltinWidgets().get(LineReader.ACCEPT_LINE).apply();
    }

    private static void bindKeys(KeyMap<Binding> keys, Terminal terminal) {
        keys.bind(new Reference(CANCEL_WIDGET), KeyMap.ctrl('C'));
        keys.bind(new Reference(LOGOUT_WIDGET), KeyMap.ctrl('D'));
        keys.bind(new Reference(HELP_WIDGET), "?");
        Reference f1 = new Reference(HELP_KEY_WIDGET);
        keys.bind(f1, "\033OP", "\033[11~");
        // Serial terminals send either form of the cursor keys, whatever keypad mode they were asked for.
        for (String prefix : new String[] {"\033[", "\033O"}) {
            keys.bind(new Reference(LineReader.UP_LINE_OR_HISTORY), prefix + "A");
            keys.bind(new Reference(LineReader.DOWN_LINE_OR_HISTORY), prefix + "B");
            keys.bind(new Reference(LineReader.FORWARD_CHAR), prefix + "C");
            keys.bind(new Reference(LineReader.BACKWARD_CHAR), prefix + "D");
            keys.bind(new Reference(LineReader.BEGINNING_OF_LINE), prefix + "H");
            keys.bind(new Reference(LineReader.END_OF_LINE), prefix + "F");
        }
        keys.bind(new Reference(LineReader.DELETE_CHAR), "\033[3~");
        String terminfoF1 = KeyMap.key(terminal, Capability.key_f1);
        if (terminfoF1 != null && !terminfoF1.isEmpty()) {
            keys.bind(f1, terminfoF1);
        }
    }

    /** Reads a command line after {@code prompt}; it goes into the history. */
    @Override
    public Line readCommand(String prompt) {
        this.prompt = prompt;
        return read(() -> reader.readLine(prompt));
    }

    /**
     * Reads a command line after {@code prompt}, which the caller has already written to the
     * terminal on a line of its own (with the cursor after it): it is not drawn again.
     */
    Line readCommandAfterShownPrompt(String prompt) {
        reader.adoptShownPrompt();
        return readCommand(prompt);
    }

    /** Whether {@code prompt} can be shown by the caller and adopted: one row, nothing to interpret. */
    boolean canAdopt(String prompt) {
        return PromptAdoptingReader.canAdopt(prompt, terminal.getWidth());
    }

    /** Reads a visible line that stays out of the history (a login name). */
    Line readVisible(String prompt) {
        this.prompt = prompt;
        return read(() -> reader.readLine(prompt, null, NOT_IN_HISTORY, null));
    }

    /** Reads a line without echoing it, kept out of the history (a password). */
    Line readHidden(String prompt) {
        this.prompt = prompt;
        return read(() -> reader.readLine(prompt, '\0'));
    }

    private Line read(Supplier<String> readLine) {
        limit.takeOverflow();
        ending = Kind.TEXT;
        String text;
        try {
            text = readLine.get();
        } catch (UserInterruptException e) {
            // Only a terminal that still turns Ctrl-C into a signal gets here.
            return new Line(Kind.CANCELLED, "");
        }
        if (ending != Kind.TEXT) {
            return new Line(ending, "");
        }
        if (limit.takeOverflow() || text.length() > limit.maxChars()) {
            return new Line(Kind.TOO_LONG, "");
        }
        return new Line(Kind.TEXT, text);
    }

    /** Shows text as it is; {@code \n} becomes a line break the terminal understands. */
    @Override
    public void print(String text) {
        terminal.writer().print(text);
        terminal.flush();
    }

    /** The commands typed so far, oldest first. */
    java.util.List<String> history() {
        java.util.List<String> out = new java.util.ArrayList<>(reader.getHistory().size());
        reader.getHistory().forEach(entry -> out.add(entry.line()));
        return out;
    }

    /** Puts commands typed earlier (with an editor since released) into the history, oldest first. */
    void restoreHistory(java.util.List<String> lines) {
        reader.getHistory().attach(reader);
        lines.forEach(reader.getHistory()::add);
    }

    /** Forgets the commands typed so far, so the next user to log in does not see them. */
    @Override
    public void forgetHistory() {
        try {
            reader.getHistory().purge();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
