package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import macserver.config.Plane;
import macserver.console.TerminalSession.AfterLogout;
import macserver.console.TerminalSession.Config;
import macserver.console.TerminalSession.End;
import org.junit.jupiter.api.Test;

class TerminalSessionTest {

    private final FakeCliSessions cli = new FakeCliSessions();
    private final FakeLoginService logins = new FakeLoginService().withUser("admin", "secret");

    private TerminalSession serial(AfterLogout afterLogout) {
        Config config = Config.withLogin(Plane.SERIAL, TerminalSettings.SERIAL_DEFAULT)
                .withAfterLogout(afterLogout)
                .withFailedLoginDelay(Duration.ZERO);
        return new TerminalSession(config, cli, logins);
    }

    private SessionTranscript loggedInRun(String input) {
        Config config = Config.loggedIn("admin", Plane.STDIO, TerminalSettings.SERIAL_DEFAULT);
        return SessionTranscript.run(new TerminalSession(config, cli, logins), input);
    }

    @Test
    void aUserAuthenticatedByRadiusGetsTheGroupItNamed() {
        Config config = Config.loggedIn("carol", Plane.MAC_TELNET, TerminalSettings.SERIAL_DEFAULT).withGroup("read");
        SessionTranscript t = SessionTranscript.run(new TerminalSession(config, cli, logins), "/quit\r");
        assertEquals(End.LOGGED_OUT, t.end());
        assertEquals(List.of("carol/read/MAC_TELNET"), cli.openedFor);
        assertThrows(IllegalArgumentException.class,
                () -> Config.withLogin(Plane.SERIAL, TerminalSettings.SERIAL_DEFAULT).withGroup("read"));
    }

    @Test
    void logsInWithoutEchoingThePasswordAndRunsCommands() {
        SessionTranscript t = SessionTranscript.run(serial(AfterLogout.END),
                "admin\rsecret\r/ip mac-server print\r/quit\r");

        assertEquals(End.LOGGED_OUT, t.end());
        assertEquals(List.of("/ip mac-server print", "/quit"), cli.executed);
        assertEquals(List.of("admin/SERIAL"), cli.openedFor);
        assertTrue(t.output().contains("MikroTik Login: admin\nPassword: \n"), t.output());
        assertTrue(t.output().contains("[admin@MikroTik] > /ip mac-server print\ndid </ip mac-server print>\n"),
                t.output());
        assertFalse(t.output().contains("secret"), t.output());
    }

    @Test
    void wrongPasswordIsRefusedAndTheNextAttemptMayLogIn() {
        SessionTranscript t = SessionTranscript.run(serial(AfterLogout.END),
                "admin\rwrong\radmin\rsecret\r/quit\r");

        assertEquals(End.LOGGED_OUT, t.end());
        assertEquals(List.of("admin/wrong/SERIAL", "admin/secret/SERIAL"), logins.attempts);
        assertEquals(1, occurrences(t.output(), LoginDialog.LOGIN_FAILED), t.output());
        assertEquals(List.of("admin/SERIAL"), cli.openedFor);
    }

    @Test
    void threeFailuresEndARoundWithoutLogin() {
        SessionTranscript t = SessionTranscript.run(serial(AfterLogout.END),
                "admin\ra\rroot\rb\radmin\rc\radmin\rsecret\r");

        assertEquals(End.LOGGED_OUT, t.end());
        assertEquals(3, logins.attempts.size());
        assertEquals(3, occurrences(t.output(), LoginDialog.LOGIN_FAILED));
        assertTrue(cli.openedFor.isEmpty());
    }

    @Test
    void serialConsoleAsksForLoginAgainAfterLogout() {
        SessionTranscript t = SessionTranscript.run(serial(AfterLogout.LOGIN_AGAIN),
                "admin\rsecret\r/quit\radmin\rsecret\r\u0004admin\r");

        assertEquals(End.INPUT_ENDED, t.end());
        assertEquals(List.of("admin/SERIAL", "admin/SERIAL"), cli.openedFor);
        assertEquals(3, occurrences(t.output(), "MikroTik Login: "), t.output());
    }

    @Test
    void factoryAdminMustChooseAMatchingNonEmptyPassword() {
        logins.withUser("admin", "");
        SessionTranscript t = SessionTranscript.run(serial(AfterLogout.END),
                "admin\r\r" + "one\rtwo\r" + "\r\r" + "new-secret\rnew-secret\r" + "/quit\r");

        assertEquals(End.LOGGED_OUT, t.end());
        assertEquals("new-secret", logins.passwordOf("admin"));
        assertTrue(t.output().contains("new password> "), t.output());
        assertTrue(t.output().contains("repeat new password> "), t.output());
        assertTrue(t.output().contains("passwords do not match"), t.output());
        assertTrue(t.output().contains("password must not be empty"), t.output());
        assertFalse(t.output().contains("new-secret"), t.output());
        assertEquals(List.of("admin/SERIAL"), cli.openedFor);
    }

    @Test
    void passwordRejectedByTheLoginServiceIsReportedAndAskedAgain() {
        logins.withUser("admin", "");
        SessionTranscript t = SessionTranscript.run(serial(AfterLogout.END),
                "admin\r\rweak\rweak\rgood-one\rgood-one\r/quit\r");

        assertTrue(t.output().contains("password is too weak"), t.output());
        assertEquals("good-one", logins.passwordOf("admin"));
        assertEquals(List.of("admin/SERIAL"), cli.openedFor);
    }

    @Test
    void giveUpOnThePasswordChangeLeavesTheUserLoggedOut() {
        logins.withUser("admin", "");
        SessionTranscript t = SessionTranscript.run(serial(AfterLogout.END), "admin\r\r\u0003");

        assertEquals(End.LOGGED_OUT, t.end());
        assertEquals("", logins.passwordOf("admin"));
        assertTrue(cli.openedFor.isEmpty());
    }

    @Test
    void loginOptionsAfterThePlusAreNotPartOfTheName() {
        SessionTranscript.run(serial(AfterLogout.END), "admin+ct80w\rsecret\r/quit\r");

        assertEquals(List.of("admin/secret/SERIAL"), logins.attempts);
    }

    @Test
    void tabCompletesFromTheCli() {
        loggedInRun("/ip mac\tpr\t\radd na\tx\r/quit\r");

        assertEquals(List.of("/ip mac-server print ", "add name=x", "/quit"), cli.executed);
    }

    @Test
    void questionMarkShowsHelpForTheTextBeforeItAndKeepsTheLine() {
        SessionTranscript t = loggedInRun("/ip mac?-server\r/quit\r");

        assertTrue(t.output().contains("help for </ip mac>"), t.output());
        assertEquals(List.of("/ip mac-server", "/quit"), cli.executed);
    }

    @Test
    void f1ShowsHelpToo() {
        SessionTranscript t = loggedInRun("/ip \u001bOP\r/quit\r");

        assertTrue(t.output().contains("help for </ip >"), t.output());
        assertEquals(List.of("/ip ", "/quit"), cli.executed);
    }

    @Test
    void questionMarkInsideQuotesOrAfterBackslashIsAnOrdinaryCharacter() {
        loggedInRun("set comment=\"why?\"\rset comment=a\\?\r/quit\r");

        assertEquals(List.of("set comment=\"why?\"", "set comment=a\\?", "/quit"), cli.executed);
    }

    @Test
    void ctrlCCancelsTheLineBeingTyped() {
        loggedInRun("/ip abandoned\u0003/ip kept\r/quit\r");

        assertEquals(List.of("/ip kept", "/quit"), cli.executed);
    }

    @Test
    void ctrlDOnAnEmptyLineLogsOutButDeletesInsideALine() {
        SessionTranscript t = loggedInRun("abc\u0001\u0004\r\u0004/never\r");

        assertEquals(End.LOGGED_OUT, t.end());
        assertEquals(List.of("bc"), cli.executed);
    }

    @Test
    void historyRecallsThePreviousCommand() {
        loggedInRun("/ip print\r\u001b[A\r/quit\r");

        assertEquals(List.of("/ip print", "/ip print", "/quit"), cli.executed);
    }

    @Test
    void overlongLineIsRefusedWithAMessageAndTheNextLineRuns() {
        SessionTranscript t = loggedInRun("x".repeat(5 * CliLineEditor.MAX_LINE_CHARS) + "\r/ip print\r/quit\r");

        assertTrue(t.output().contains("line too long"), t.output().substring(Math.max(0, t.output().length() - 500)));
        assertEquals(List.of("/ip print", "/quit"), cli.executed);
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        byte[] bad = {'/', 'i', 'p', ' ', (byte) 0xff, (byte) 0xc3, 'x', '\r'};
        byte[] rest = "/quit\r".getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[bad.length + rest.length];
        System.arraycopy(bad, 0, input, 0, bad.length);
        System.arraycopy(rest, 0, input, bad.length, rest.length);
        Config config = Config.loggedIn("admin", Plane.STDIO, TerminalSettings.SERIAL_DEFAULT);

        SessionTranscript.run(new TerminalSession(config, cli, logins), input);

        assertEquals(List.of("/ip \ufffd\ufffdx", "/quit"), cli.executed);
    }

    @Test
    void utf8TextArrivesIntact() {
        loggedInRun("set comment=Grüße→\r/quit\r");

        assertEquals(List.of("set comment=Grüße→", "/quit"), cli.executed);
    }

    @Test
    void aFailingCliIsReportedAndTheTerminalStaysUp() {
        cli.failOnExecute = true;
        SessionTranscript t = loggedInRun("/ip print\r\u0004");

        assertEquals(End.LOGGED_OUT, t.end());
        assertTrue(t.output().contains("failure: internal error"), t.output());
    }

    @Test
    void endOfInputEndsTheSession() {
        SessionTranscript t = loggedInRun("/ip print\r/ip unfinished");

        assertEquals(End.INPUT_ENDED, t.end());
        assertEquals(List.of("/ip print"), cli.executed);
    }

    @Test
    void closeFromAnotherThreadEndsAWaitingSession() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TerminalSession session = serial(AfterLogout.LOGIN_AGAIN);
        CompletableFuture<End> end = CompletableFuture.supplyAsync(() -> {
            try {
                return session.run(in, screen);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        keyboard.write("admin\rsecret\r".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        awaitOutput(screen, "[admin@MikroTik] > ");
        session.resize(132, 50);

        session.close();

        assertEquals(End.CLOSED, end.get(30, TimeUnit.SECONDS));
        keyboard.close();
    }

    private static void awaitOutput(ByteArrayOutputStream screen, String text) throws InterruptedException {
        for (int i = 0; i < 3000 && !screen.toString(StandardCharsets.UTF_8).contains(text); i++) {
            Thread.sleep(10);
        }
        assertTrue(screen.toString(StandardCharsets.UTF_8).contains(text), screen.toString(StandardCharsets.UTF_8));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

}
