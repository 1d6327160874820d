package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import macserver.config.Plane;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever bytes arrive on the line, the console keeps serving the user who types next. */
class LineNoiseTest {

    /** Ends any prompt, quoted insert or search the noise left open, then starts a fresh line. */
    private static final String RECOVER = "\u0003\u0003\u0003\u0003";

    @Property(tries = 60)
    void noiseAtTheLoginPromptThenARealLogin(@ForAll @Size(max = 400) byte[] noise) {
        FakeCliSessions cli = new FakeCliSessions();
        FakeLoginService logins = new FakeLoginService().withUser("admin", "secret");
        TerminalSession.Config config = TerminalSession.Config.withLogin(Plane.SERIAL, TerminalSettings.SERIAL_DEFAULT)
                .withFailedLoginDelay(Duration.ZERO);

        SessionTranscript t = SessionTranscript.run(new TerminalSession(config, cli, logins),
                concat(noise, RECOVER + "admin\rsecret\r/ip mac-server print\r"));

        assertEquals(TerminalSession.End.INPUT_ENDED, t.end());
        assertTrue(cli.executed.contains("/ip mac-server print"), t.output());
    }

    @Property(tries = 60)
    void noiseAtTheCommandPromptThenACommand(@ForAll @Size(max = 400) byte[] noise) {
        FakeCliSessions cli = new FakeCliSessions();
        TerminalSession.Config config = TerminalSession.Config.loggedIn("admin", Plane.SERIAL,
                TerminalSettings.SERIAL_DEFAULT).withAfterLogout(TerminalSession.AfterLogout.LOGIN_AGAIN);
        FakeLoginService logins = new FakeLoginService();

        SessionTranscript t = SessionTranscript.run(new TerminalSession(config, cli, logins),
                concat(withoutLogoutKey(noise), RECOVER + "/ip mac-server print\r"));

        assertEquals(TerminalSession.End.INPUT_ENDED, t.end());
        assertTrue(cli.executed.contains("/ip mac-server print"), t.output());
    }

    /** Ctrl-D on an empty line is a deliberate logout, which noise may well contain; keep it out here. */
    private static byte[] withoutLogoutKey(byte[] noise) {
        byte[] copy = noise.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == 4) {
                copy[i] = 'd';
            }
        }
        return copy;
    }

    private static byte[] concat(byte[] noise, String tail) {
        byte[] end = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[noise.length + end.length];
        System.arraycopy(noise, 0, all, 0, noise.length);
        System.arraycopy(end, 0, all, noise.length, end.length);
        return all;
    }
}
