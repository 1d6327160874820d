package macserver.macplane;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import macserver.cli.ModelCliSessions;
import macserver.config.ConfigModel;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import macserver.users.UserLoginService;
import org.junit.jupiter.api.Test;

class LoginWarmUpTest {

    @Test
    void theWarmUpChecksOutItsOwnThrowAwaySecret() {
        // It throws if unsealing or the MD5 check gave a wrong answer on the way.
        assertDoesNotThrow(() -> LoginWarmUp.run());
    }

    @Test
    void theEcSrp5WarmUpRefusesItsRandomProofs() {
        // It throws if a client key on the curve is refused or a random proof checks out.
        assertDoesNotThrow(() -> LoginWarmUp.runEcSrp5(3));
    }

    @Test
    void oneRoundIsEnoughToLoadTheClasses() {
        assertDoesNotThrow(() -> LoginWarmUp.run(1));
    }

    @Test
    void itsTerminalsEndWithTheirInput() throws Exception {
        ConfigModel model = new ConfigModel(StandardSchema.create(new LiveStatus()), () -> System.currentTimeMillis() / 1000);
        FactoryDefaults.apply(model);
        String shown = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> LoginWarmUp.runTerminals(
                new ModelCliSessions(model, "test"), new UserLoginService(model)));
        String prompt = "[" + LoginWarmUp.USER + "@MikroTik] > ";
        int first = shown.indexOf(prompt);
        assertTrue(first >= 0 && shown.indexOf(prompt, first + 1) > first, "a prompt, Enter, the prompt again: " + shown);
    }
}
