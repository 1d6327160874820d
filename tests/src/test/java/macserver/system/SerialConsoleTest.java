package macserver.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;
import macserver.system.support.FirmwareProcess;
import macserver.system.support.HostTerminal;
import macserver.system.support.SocatPtyPair;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial console of the packaged firmware, driven over a pseudo-terminal pair as a person
 * with a console cable would: first login with the forced password change, the seed's
 * configuration, logout and login again, and a line that misbehaves (noise, an endless line,
 * the device vanishing).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SerialConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PROMPT = "[admin@MikroTik] ";
    private static final String NEW_PASSWORD = "c0nsole-Test";

    @TempDir
    Path dir;

    private FirmwareProcess startFirmware(SocatPtyPair line) throws Exception {
        return FirmwareProcess.start(dir, "--console=" + line.routerEnd(), "--flash=" + dir.resolve("flash.img"));
    }

    /** First login on a fresh flash: admin with an empty password, which must be replaced. */
    private static void firstLogin(HostTerminal host) throws Exception {
        host.type("\r");
        host.await("MikroTik Login: ", WAIT);
        answerLogin(host, "");
        host.await("new password> ", WAIT);
        host.type(NEW_PASSWORD + "\r");
        host.await("repeat new password> ", WAIT);
        host.type(NEW_PASSWORD + "\r");
        host.await(PROMPT, WAIT);
    }

    /** The firmware reopens a vanished line on its own schedule; Enter until it answers. */
    private static void knockUntilLoginPrompt(HostTerminal host) throws Exception {
        for (int i = 0; i < 20; i++) {
            host.type("\r");
            try {
                host.await("MikroTik Login: ", Duration.ofSeconds(1));
                return;
            } catch (AssertionError notYet) {
                if (i == 19) {
                    throw notYet;
                }
            }
        }
    }

    /** At a login prompt: admin and a password. */
    private static void answerLogin(HostTerminal host, String password) throws Exception {
        host.type("admin\r");
        host.await("Password: ", WAIT);
        host.type(password + "\r");
    }

    /** Types a command and returns what it printed, up to the next prompt. */
    private static String run(HostTerminal host, String command) throws Exception {
        host.type(command + "\r");
        // The echo of a long command wraps at 80 columns, so only the next prompt is awaited.
        String output = host.await(PROMPT, WAIT);
        return output.substring(0, output.length() - PROMPT.length());
    }

    @Test
    void firstLoginSeedConfigurationAndLoginAgain() throws Exception {
        try (SocatPtyPair line = SocatPtyPair.start(dir);
                FirmwareProcess firmware = startFirmware(line);
                HostTerminal host = new HostTerminal(line.hostEnd())) {
            try {
                firstLogin(host);
                run(host, "/ip mac-server add name=my-mac-server");
                run(host, "/ip mac-server binding add mac-address=00:01:02:03:04:05 server=my-mac-server");
                run(host, "/ip mac-server set my-mac-server default");
                String servers = run(host, "/ip mac-server print");
                String bindings = run(host, "/ip mac-server binding print");

                assertTrue(Pattern.compile("(?m)^\\s*\\d+\\s+\\S*\\*\\S*\\s+.*\\bmy-mac-server\\b").matcher(servers).find(),
                        "my-mac-server is not flagged default (*):\n" + servers);
                assertTrue(bindings.lines().anyMatch(l -> l.contains("00:01:02:03:04:05") && l.contains("my-mac-server")),
                        "binding not listed:\n" + bindings);

                host.type("/quit\r");
                host.await("MikroTik Login: ", WAIT);
                answerLogin(host, "not-the-password");
                host.await("Login failed", WAIT);
                host.await("MikroTik Login: ", WAIT);
                answerLogin(host, NEW_PASSWORD);
                host.await(PROMPT, WAIT);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- firmware log ---\n" + firmware.log(), e);
            }
        }
    }

    /**
     * Where jSerialComm has no native library (MIPS), the firmware sets the line up itself through
     * termios (FFM): the same login, the same CLI, and the line coming back after it vanished.
     */
    @Test
    void theTermiosLineServesTheSameConsole() throws Exception {
        SocatPtyPair first = SocatPtyPair.start(dir);
        try (FirmwareProcess firmware = FirmwareProcess.start(dir, java.util.List.of("-Dmacserver.serial=termios"),
                "--console=" + first.routerEnd(), "--flash=" + dir.resolve("flash.img"))) {
            try {
                try (HostTerminal host = new HostTerminal(first.hostEnd())) {
                    firstLogin(host);
                    assertTrue(run(host, "/system identity print").contains("name: MikroTik"));
                } finally {
                    first.close();
                }
                try (SocatPtyPair again = SocatPtyPair.start(dir);
                        HostTerminal host = new HostTerminal(again.hostEnd())) {
                    knockUntilLoginPrompt(host);
                    answerLogin(host, NEW_PASSWORD);
                    host.await(PROMPT, WAIT);
                }
                assertTrue(firmware.log().contains("termios"), "the termios line was used:\n" + firmware.log());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- firmware log ---\n" + firmware.log(), e);
            }
        }
    }

    @Test
    void lineNoiseAndAnEndlessLineLeaveTheConsoleAnswering() throws Exception {
        try (SocatPtyPair line = SocatPtyPair.start(dir);
                FirmwareProcess firmware = startFirmware(line);
                HostTerminal host = new HostTerminal(line.hostEnd())) {
            try {
                // Noise before anyone logs in: the login prompt must survive it.
                host.type(noise(new Random(1), 3000));
                host.type("\u0003\u0003\u0003\u0003\r");
                host.await("MikroTik Login: ", WAIT);
                // The noise left prompts behind and may still be being worked through (every Enter
                // in it is a login attempt, and each failed one costs a second): start clean,
                // pressing Enter until a fresh login prompt shows (the noise may have left a half
                // typed name or a password prompt).
                host.settle(Duration.ofMillis(2500), Duration.ofSeconds(120));
                for (int i = 0; ; i++) {
                    host.type("\r");
                    try {
                        host.await("MikroTik Login: ", Duration.ofSeconds(4));
                        break;
                    } catch (AssertionError notYet) {
                        if (i == 5) {
                            throw notYet;
                        }
                    }
                }
                host.settle(Duration.ofMillis(2500), Duration.ofSeconds(120));
                firstLogin(host);

                host.type(noise(new Random(2), 3000));
                host.type("\u0003\u0003\u0003\u0003\r");
                host.await(PROMPT, WAIT);
                host.settle(Duration.ofMillis(2500), Duration.ofSeconds(120));
                host.type("\u0003\r");
                host.await(PROMPT, WAIT);

                byte[] endless = new byte[100 * 1024];
                Arrays.fill(endless, (byte) 'x');
                host.type(endless);
                host.type("\r");
                host.await("line too long", WAIT);
                host.type("\r");
                host.await(PROMPT, WAIT);
                assertTrue(firmware.isAlive(), "firmware died");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- firmware log ---\n" + firmware.log(), e);
            }
        }
    }

    @Test
    void consoleComesBackWhenTheDeviceReappears() throws Exception {
        SocatPtyPair first = SocatPtyPair.start(dir);
        try (FirmwareProcess firmware = startFirmware(first)) {
            try {
                try (HostTerminal host = new HostTerminal(first.hostEnd())) {
                    host.type("\r");
                    host.await("MikroTik Login: ", WAIT);
                } finally {
                    first.close();
                }
                try (SocatPtyPair again = SocatPtyPair.start(dir);
                        HostTerminal host = new HostTerminal(again.hostEnd())) {
                    knockUntilLoginPrompt(host);
                    assertTrue(firmware.isAlive(), "firmware died");
                }
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- firmware log ---\n" + firmware.log(), e);
            }
        } finally {
            first.close();
        }
    }

    /**
     * Random bytes, invalid UTF-8 included, without Ctrl-D: on an empty line that is a
     * deliberate logout, which would make the next prompt a login prompt.
     */
    private static byte[] noise(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 4) {
                bytes[i] = (byte) 0xff;
            }
        }
        return bytes;
    }
}
