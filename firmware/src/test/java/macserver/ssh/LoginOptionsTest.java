package macserver.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import macserver.console.TerminalSettings;
import org.junit.jupiter.api.Test;

class LoginOptionsTest {
    private static final TerminalSettings XTERM = new TerminalSettings("xterm", 100, 30);

    @Test
    void netmikosOptionsAskForADumbTerminalOfTheirSize() {
        assertEquals(new LoginOptions(true, 0, 511), LoginOptions.parse("cetw511h4098"));
        assertEquals(new TerminalSettings("dumb", 100, 511), LoginOptions.parse("cetw511h4098").applyTo(XTERM));
        assertEquals(new TerminalSettings("xterm", 132, 50), LoginOptions.parse("c132w50h").applyTo(XTERM));
    }

    @Test
    void absentUnknownOrUnreadableOptionsLeaveTheClientsTerminal() {
        assertEquals(XTERM, LoginOptions.parse("").applyTo(XTERM));
        assertEquals(XTERM, LoginOptions.parse("ctxyz").applyTo(XTERM));
        assertEquals(XTERM, LoginOptions.parse("w").applyTo(XTERM));
        assertEquals(XTERM, LoginOptions.parse("99999999w0h").applyTo(XTERM));
        assertEquals(new TerminalSettings("xterm", 80, 30), LoginOptions.parse("ct80w").applyTo(XTERM));
    }
}
