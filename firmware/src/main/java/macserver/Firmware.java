package macserver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import macserver.auth.LoginService;
import macserver.cli.CliSession;
import macserver.cli.CliSessions;
import macserver.cli.Plane;
import macserver.console.Console;
import macserver.console.ConsoleOptions;
import macserver.console.Consoles;

/**
 * TEMPORARY (console branch): wires the consoles to stand-ins for the CLI and the login service
 * so the console can be tried by hand. The real Firmware replaces this file at merge.
 */
public final class Firmware {

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        ConsoleOptions console = ConsoleOptions.parse(options.getOrDefault("console", "stdio"), options.get("speed"));
        Console running = Consoles.start(console, new StandInCli(), new StandInLogins());
        running.awaitEnd();
    }

    /** Admin with an empty password that must be changed; passwords kept in memory only. */
    private static final class StandInLogins implements LoginService {
        private final Map<String, String> passwords = new HashMap<>(Map.of("admin", ""));

        @Override
        public synchronized Outcome login(String user, char[] password, Plane via) {
            String expected = passwords.get(user);
            if (expected == null || !expected.equals(new String(password))) {
                return Outcome.FAILURE;
            }
            return expected.isEmpty() ? Outcome.MUST_CHANGE_PASSWORD : Outcome.SUCCESS;
        }

        @Override
        public synchronized void changePassword(String user, char[] newPassword) {
            passwords.put(user, new String(newPassword));
        }
    }

    /** A CLI that only knows /quit. */
    private static final class StandInCli implements CliSessions {
        @Override
        public CliSession open(String userName, Plane via) {
            return new CliSession() {
                private boolean quit;

                @Override
                public String prompt() {
                    return "[" + userName + "@MikroTik] > ";
                }

                @Override
                public String execute(String line) {
                    quit |= line.strip().equals("/quit");
                    return "";
                }

                @Override
                public List<String> complete(String line) {
                    return List.of();
                }

                @Override
                public String help(String line) {
                    return "";
                }

                @Override
                public String userName() {
                    return userName;
                }

                @Override
                public boolean quitRequested() {
                    return quit;
                }
            };
        }

        @Override
        public String identity() {
            return "MikroTik";
        }
    }
}
