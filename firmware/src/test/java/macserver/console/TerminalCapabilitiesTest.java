package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;
import org.junit.jupiter.api.Test;

class TerminalCapabilitiesTest {

    private static Terminal jlineTerminal(String type) throws IOException {
        return TerminalBuilder.builder().type(type).system(false)
                .streams(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream()).build();
    }

    /** Every capability as a terminal reports it, for comparing two terminals. */
    private static String describe(Terminal t) {
        StringBuilder out = new StringBuilder();
        for (Capability c : Capability.values()) {
            out.append(c).append('=').append(t.getBooleanCapability(c)).append('/')
                    .append(t.getNumericCapability(c)).append('/').append(t.getStringCapability(c)).append('\n');
        }
        return out.toString();
    }

    @Test
    void aStreamTerminalHasTheCapabilitiesJLineWouldHaveParsed() throws IOException {
        // xterm is built into JLine; a name nothing describes falls back to ansi in both.
        for (String type : new String[] {"xterm", "no-such-terminal-type"}) {
            try (Terminal jline = jlineTerminal(type);
                    StreamTerminal ours = new StreamTerminal("test", type, InputStream.nullInputStream(),
                            OutputStream.nullOutputStream(), new Size(80, 24))) {
                assertEquals(describe(jline), describe(ours), type);
            }
        }
    }

    @Test
    void theKeypadStringIsTheOneJLineSendsBeforeAPrompt() throws IOException {
        try (Terminal jline = jlineTerminal("xterm")) {
            String expected = org.jline.utils.Curses.tputs(jline.getStringCapability(Capability.keypad_xmit));
            assertEquals(expected, new TerminalCapabilities(4).get("xterm").keypadTransmit());
        }
        assertEquals("", new TerminalCapabilities(4).get("dumb").keypadTransmit());
    }

    @Test
    void eachTypeIsParsedOnceAndTheTypesRememberedAreBounded() {
        TerminalCapabilities caps = new TerminalCapabilities(2);
        TerminalCapabilities.Parsed xterm = caps.get("xterm");
        assertSame(xterm, caps.get("xterm"));
        caps.get("ansi");
        assertEquals(2, caps.kinds());
        TerminalCapabilities.Parsed third = caps.get("dumb");
        assertNotSame(third, caps.get("dumb"));
        assertEquals(third, caps.get("dumb"));
        assertEquals(2, caps.kinds());
    }
}
