package macserver.console;

import java.util.List;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * JLine's line reader, able to take over a prompt that is already on the screen. An idle
 * session shows its prompt without any line editor and builds one only when a key arrives; the
 * editor must then carry on from the prompt as shown instead of drawing it a second time, so
 * the client sees exactly what a reader that had been waiting all along would have sent.
 */
final class PromptAdoptingReader extends LineReaderImpl {

    private boolean promptShown;

    PromptAdoptingReader(Terminal terminal) {
        super(terminal, "macserver", new java.util.HashMap<>());
    }

    /** The next read starts with its prompt already shown, the cursor right after it. */
    void adoptShownPrompt() {
        promptShown = true;
    }

    /** Whether a prompt fits what adopting assumes: plain text on one row of the terminal. */
    static boolean canAdopt(String prompt, int columns) {
        if (prompt.indexOf('\n') >= 0 || prompt.indexOf('\r') >= 0 || prompt.indexOf('\033') >= 0) {
            return false;
        }
        return columns <= 0 || new AttributedString(prompt).columnLength() < columns;
    }

    /**
     * Called at the start of every read to forget what is on the screen; on an adopting read the
     * display starts out knowing the prompt is there, so the first redisplay draws nothing.
     */
    @Override
    public boolean redrawLine() {
        boolean done = super.redrawLine();
        if (promptShown) {
            promptShown = false;
            display = new ShownDisplay(getTerminal(), display.delayLineWrap(), prompt);
        }
        return done;
    }

    /** A display that starts with one row on the screen, the cursor at its end. */
    private static final class ShownDisplay extends Display {
        ShownDisplay(Terminal terminal, boolean delayLineWrap, AttributedString shown) {
            super(terminal, false);
            setDelayLineWrap(delayLineWrap);
            Size size = terminal.getSize();
            resize(size.getRows(), size.getColumns());
            oldLines = List.of(shown);
            cursorPos = shown.columnLength();
        }
    }
}
