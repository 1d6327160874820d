package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedKeyMapsTest {

    private final List<Terminal> terminals = new ArrayList<>();

    @AfterEach
    void closeTerminals() throws IOException {
        for (Terminal t : terminals) {
            t.close();
        }
    }

    private LineReader reader(String type) throws IOException {
        Terminal t = TerminalBuilder.builder().type(type).system(false)
                .streams(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream()).build();
        terminals.add(t);
        return LineReaderBuilder.builder().terminal(t).build();
    }

    @Test
    void readersOfOneKindShareTheFirstOnesMapsWithItsBindings() throws IOException {
        SharedKeyMaps maps = new SharedKeyMaps(4);
        LineReader first = reader("xterm");
        first.getKeyMaps().get(LineReader.MAIN).bind(new Reference("custom-widget"), "\033[99~");
        assertTrue(maps.share(first, first.getTerminal()));
        LineReader second = reader("xterm");
        assertNotSame(first.getKeyMaps().get(LineReader.MAIN), second.getKeyMaps().get(LineReader.MAIN));
        assertTrue(maps.share(second, second.getTerminal()));
        for (String name : first.getKeyMaps().keySet()) {
            assertSame(first.getKeyMaps().get(name), second.getKeyMaps().get(name), name);
        }
        assertEquals(new Reference("custom-widget"),
                second.getKeyMaps().get(LineReader.MAIN).getBound("\033[99~"));
        assertEquals(1, maps.kinds());
    }

    @Test
    void anotherTerminalTypeGetsItsOwnAndTheKindsAreBounded() throws IOException {
        SharedKeyMaps maps = new SharedKeyMaps(2);
        LineReader xterm = reader("xterm");
        LineReader vt102 = reader("vt102");
        assertTrue(maps.share(xterm, xterm.getTerminal()));
        assertTrue(maps.share(vt102, vt102.getTerminal()));
        assertNotSame(xterm.getKeyMaps().get(LineReader.MAIN), vt102.getKeyMaps().get(LineReader.MAIN));
        LineReader third = reader("dumb");
        var own = third.getKeyMaps().get(LineReader.MAIN);
        assertFalse(maps.share(third, third.getTerminal()), "a third kind is not remembered");
        assertSame(own, third.getKeyMaps().get(LineReader.MAIN));
        assertEquals(2, maps.kinds());
    }
}
