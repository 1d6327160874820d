package macserver.console;

import macserver.console.CliLineEditor.Line;

/** What a logged-in CLI conversation needs of its terminal: commands in, text out. */
interface CommandEditor {

    /** Reads a command line after {@code prompt}; it goes into the history. */
    Line readCommand(String prompt);

    /**
     * Shows {@code before} (what the last command printed; may be empty), then reads a command
     * line after {@code prompt}. An editor that can send both at once does.
     */
    default Line readCommand(String before, String prompt) {
        print(before);
        return readCommand(prompt);
    }

    /** Shows text as it is; {@code \n} becomes a line break the terminal understands. */
    void print(String text);

    /** Forgets the commands typed so far, so the next user to log in does not see them. */
    void forgetHistory();
}
