package macserver.macplane;

import java.security.SecureRandom;
import macserver.auth.LegacySecretBox;
import macserver.auth.Md5Challenge;
import macserver.console.TerminalSession;
import macserver.console.TerminalSettings;

/**
 * Work every MAC-Telnet login does, done once at start on throw-away values, so that the first
 * logins do not pay for it. Unsealing the user's MD5 secret (AES-GCM) and checking the answer take
 * some 0.2-0.4 ms per login while the JDK's code for them is still interpreted, and some 20 µs
 * once compiled (after 1,000-2,000 calls); a router sees a few logins an hour, so without this
 * they would stay slow. The terminal types MAC-Telnet clients send are parsed too (see
 * {@link TerminalSession#prepareTerminalTypes}). On a daemon thread of its own, after the data
 * path has started: logins that come meanwhile are served as before, only slower.
 */
final class LoginWarmUp {
    /** Rounds that get the crypto compiled by the optimising compiler (some 1,000-2,000 calls). */
    static final int ROUNDS = 3_000;
    /**
     * The types the reference clients send: $TERM of the user's terminal (xterm and its 256-colour
     * form, the Linux console, screen/tmux) and the serial default.
     */
    static final String[] TERMINAL_TYPES = {TerminalSettings.SERIAL_DEFAULT.type(), "vt100", "xterm", "xterm-256color",
        "linux", "screen", "screen-256color", "tmux-256color"};

    private LoginWarmUp() {
    }

    /** Starts the warm-up in the background. */
    static void start() {
        Thread.ofPlatform().daemon().name("login-warm-up").start(LoginWarmUp::run);
    }

    static void run() {
        TerminalSession.prepareTerminalTypes(TERMINAL_TYPES);
        SecureRandom random = new SecureRandom();
        byte[] key = LegacySecretBox.newKey();
        byte[] password = new byte[12];
        random.nextBytes(password);
        byte[] box = LegacySecretBox.seal(key, password);
        Md5Challenge challenge = Md5Challenge.create(random);
        byte[] answer = challenge.expectedResponse(password);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] opened = LegacySecretBox.open(key, box);
            if (opened == null || !challenge.verify(opened, answer)) {
                throw new IllegalStateException("login warm-up: a sealed secret did not check out");
            }
        }
    }
}
