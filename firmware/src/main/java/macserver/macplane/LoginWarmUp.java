package macserver.macplane;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.auth.EcSrp5Curve;
import macserver.auth.EcSrp5Encoding;
import macserver.auth.EcSrp5ServerLogin;
import macserver.auth.EcSrp5Verifier;
import macserver.auth.InvalidPointException;
import macserver.auth.LegacySecretBox;
import macserver.auth.Md5Challenge;
import macserver.cli.CliSessions;
import macserver.config.Plane;
import macserver.console.TerminalSession;
import macserver.console.TerminalSettings;
import macserver.users.LoginService;
import macserver.vm.JitCompiler;

/**
 * Work every MAC-Telnet login does, done at start on throw-away values, so that the first logins
 * do not pay for it. Unsealing the user's MD5 secret (AES-GCM) and checking the answer take some
 * 0.2-0.4 ms per login while the JDK's code for them is still interpreted, and some 20 µs once
 * compiled (after 1,000-2,000 calls); a router sees a few logins an hour, so without this they
 * would stay slow. The terminal types MAC-Telnet clients send are parsed (see
 * {@link TerminalSession#prepareTerminalTypes}), and a logged-in terminal is run to its prompt
 * and given one Enter, then more to their prompt: a fresh firmware's first login took some 60-90
 * ms, loading the classes of the terminal, the CLI session and the line editor. These terminals
 * belong to no session: nothing is registered, reported or logged for them. EC-SRP5 logins get the
 * same ({@link #runEcSrp5}). On a daemon thread of its own, after the data path has started:
 * logins that come meanwhile are served as before, only slower.
 */
final class LoginWarmUp {
    private static final Logger LOG = Logger.getLogger(LoginWarmUp.class.getName());
    /** Rounds that get the crypto compiled by the optimising compiler (some 1,000-2,000 calls). */
    static final int ROUNDS = 3_000;
    /** EC-SRP5 server logins on throw-away keys; some 3 ms each once compiled. */
    static final int EC_SRP5_ROUNDS = 100;
    /** Terminals run to their first prompt; each takes some microseconds once compiled. */
    static final int TERMINALS = 300;
    /** The name the throw-away terminals show in their prompt. */
    static final String USER = "warm-up";
    /**
     * The types the reference clients send: $TERM of the user's terminal (xterm and its 256-colour
     * form, the Linux console, screen/tmux) and the serial default.
     */
    static final String[] TERMINAL_TYPES = {TerminalSettings.SERIAL_DEFAULT.type(), "vt100", "xterm", "xterm-256color",
        "linux", "screen", "screen-256color", "tmux-256color"};

    private LoginWarmUp() {
    }

    /** Starts the warm-up in the background. */
    static void start(CliSessions cli, LoginService logins) {
        Thread.ofPlatform().daemon().name("login-warm-up").start(() -> {
            run();
            try {
                runTerminals(cli, logins);
            } catch (IOException | RuntimeException e) {
                // Only the first logins' speed depends on it.
                LOG.log(Level.FINE, "login warm-up: a terminal failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static void run() {
        run(JitCompiler.warmUpRounds(ROUNDS));
        runEcSrp5(JitCompiler.warmUpRounds(EC_SRP5_ROUNDS));
    }

    /**
     * The server's half of EC-SRP5 logins (the 0.6 clients' default): its key from a client's and
     * the proof's check, on a throw-away verifier and client keys. The first logins of a fresh
     * firmware ran this math interpreted and set the EC-SRP5 login row's p99.
     */
    static void runEcSrp5(int rounds) {
        SecureRandom random = new SecureRandom();
        char[] password = new char[12];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        EcSrp5Verifier verifier = EcSrp5Verifier.create(USER, password, random);
        byte[] wrongProof = new byte[EcSrp5ServerLogin.PROOF_LENGTH];
        for (int i = 0; i < rounds; i++) {
            byte[] clientKey = EcSrp5Encoding.encode(EcSrp5Curve.multiply(new BigInteger(255, random).setBit(254), EcSrp5Curve.G));
            EcSrp5ServerLogin login = new EcSrp5ServerLogin(verifier, random);
            try {
                login.serverKey(clientKey);
            } catch (InvalidPointException e) {
                throw new IllegalStateException("login warm-up: a client key on the curve was refused", e);
            }
            random.nextBytes(wrongProof);
            if (login.verify(wrongProof)) {
                throw new IllegalStateException("login warm-up: a random EC-SRP5 proof checked out");
            }
        }
    }

    static void run(int rounds) {
        TerminalSession.prepareTerminalTypes(TERMINAL_TYPES);
        SecureRandom random = new SecureRandom();
        byte[] key = LegacySecretBox.newKey();
        byte[] password = new byte[12];
        random.nextBytes(password);
        byte[] box = LegacySecretBox.seal(key, password);
        Md5Challenge challenge = Md5Challenge.create(random);
        byte[] answer = challenge.expectedResponse(password);
        for (int i = 0; i < rounds; i++) {
            // A new salt each round, as each login draws one (SecureRandom: 27 µs interpreted, 1 µs compiled).
            Md5Challenge.create(random);
            byte[] opened = LegacySecretBox.open(key, box);
            if (opened == null || !challenge.verify(opened, answer)) {
                throw new IllegalStateException("login warm-up: a sealed secret did not check out");
            }
        }
    }

    /**
     * Logged-in MAC-Telnet terminals on streams of their own: the first gets Enter (the line
     * editor is built, an empty command runs, the prompt comes again), the rest end at their
     * first prompt. Each ends when its input does. Returns what the first one showed.
     */
    static String runTerminals(CliSessions cli, LoginService logins) throws IOException, InterruptedException {
        return runTerminals(cli, logins, JitCompiler.warmUpRounds(TERMINALS));
    }

    static String runTerminals(CliSessions cli, LoginService logins, int terminals) throws IOException, InterruptedException {
        TerminalSession.Config config = TerminalSession.Config.loggedIn(USER, Plane.MAC_TELNET,
                TerminalSettings.SERIAL_DEFAULT);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        for (int i = 0; i < terminals; i++) {
            byte[] keys = i == 0 ? new byte[] {'\r'} : new byte[0];
            new TerminalSession(config, cli, logins).run(new ByteArrayInputStream(keys),
                    i == 0 ? first : OutputStream.nullOutputStream());
        }
        return first.toString(StandardCharsets.UTF_8);
    }
}
