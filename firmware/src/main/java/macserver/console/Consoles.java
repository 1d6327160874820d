package macserver.console;

import macserver.cli.CliSessions;
import macserver.users.LoginService;

/** The entry the firmware's main calls to bring up its console. */
public final class Consoles {

    private Consoles() {
    }

    /**
     * Starts the console the options name and returns at once. The host console ends at the end
     * of its input or when its user logs out (see {@link Console#awaitEnd()}); a serial console
     * runs until {@link Console#stop()}.
     */
    public static Console start(ConsoleOptions options, CliSessions sessions, LoginService logins) {
        if (options.isStdio()) {
            StdioConsole console = new StdioConsole(sessions, logins);
            console.start();
            return console;
        }
        SerialConsole console = SerialConsole.onDevice(options.device(), options.speed(), sessions, logins);
        console.start();
        return console;
    }
}
