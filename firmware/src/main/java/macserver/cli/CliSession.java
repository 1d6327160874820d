package macserver.cli;

import java.util.List;

/**
 * One CLI conversation of one logged-in user: the current menu, the item numbers from the last
 * print. Every terminal (stdio, serial, MAC-Telnet) and every remote plane drives one of these.
 * Not thread-safe: one terminal owns it.
 */
public interface CliSession {

    /** The RouterOS prompt, e.g. {@code [admin@MikroTik] /ip/mac-server> }, with the trailing space. */
    String prompt();

    /**
     * Runs one input line (a command, a path to move to, or several commands separated by ';').
     * Returns what the console shows: empty, or text ending with a newline. Bad input never throws;
     * the error message is the output and nothing was changed.
     */
    String execute(String line);

    /** One line's output, and whether it ended in an error (its message is then the output's last line). */
    record Answer(String output, boolean error) {}

    /**
     * Like {@link #execute}, for remote planes that answer errors apart from output. Sessions
     * that cannot tell report no error.
     */
    default Answer answer(String line) {
        return new Answer(execute(line), false);
    }

    /**
     * Completion candidates for the word that ends {@code line} (menus, commands, property names
     * with their '=', values). Each candidate is the whole replacement word.
     */
    List<String> complete(String line);

    /** What {@code ?} shows after {@code line}: the words that can come next, one per line. */
    String help(String line);

    /** The user this session runs as. */
    String userName();

    /** True once the user has asked to leave (the {@code /quit} command). */
    boolean quitRequested();
}
