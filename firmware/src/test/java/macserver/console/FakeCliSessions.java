package macserver.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import macserver.cli.CliSession;
import macserver.cli.CliSessions;
import macserver.config.Plane;

/**
 * A CLI stand-in that records every line it is given. It knows a few words for completion and
 * answers help with the line it was asked about, so tests can see what the terminal passed on.
 */
final class FakeCliSessions implements CliSessions {

    static final List<String> WORDS = List.of("/ip", "mac-server", "print", "add", "name=", "binding", "/quit");

    /** Every line executed, by every session, in order. */
    final List<String> executed = Collections.synchronizedList(new ArrayList<>());
    /** The users sessions were opened for, in order. */
    final List<String> openedFor = Collections.synchronizedList(new ArrayList<>());
    volatile boolean failOnExecute;

    @Override
    public CliSession open(String userName, Plane via) {
        openedFor.add(userName + "/" + via);
        return new Session(userName);
    }

    @Override
    public CliSession open(String userName, String group, Plane via) {
        openedFor.add(userName + "/" + group + "/" + via);
        return new Session(userName);
    }

    @Override
    public String identity() {
        return "MikroTik";
    }

    private final class Session implements CliSession {
        private final String user;
        private boolean quit;

        Session(String user) {
            this.user = user;
        }

        @Override
        public String prompt() {
            return "[" + user + "@MikroTik] > ";
        }

        @Override
        public String execute(String line) {
            if (failOnExecute) {
                throw new IllegalStateException("broken CLI");
            }
            executed.add(line);
            if (line.strip().equals("/quit")) {
                quit = true;
                return "";
            }
            return line.isBlank() ? "" : "did <" + line + ">\n";
        }

        @Override
        public List<String> complete(String line) {
            int space = line.lastIndexOf(' ');
            String word = line.substring(space + 1);
            return WORDS.stream().filter(w -> w.startsWith(word)).toList();
        }

        @Override
        public String help(String line) {
            return "help for <" + line + ">\n";
        }

        @Override
        public String userName() {
            return user;
        }

        @Override
        public boolean quitRequested() {
            return quit;
        }
    }
}
