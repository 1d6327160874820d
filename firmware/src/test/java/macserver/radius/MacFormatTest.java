package macserver.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MacFormatTest {
    private static final long MAC = 0x0A1B2C3D4E5FL;

    @Test
    void everyRouterOsFormat() {
        assertEquals("0A:1B:2C:3D:4E:5F", MacFormat.COLONS.format(MAC));
        assertEquals("0A1B:2C3D:4E5F", MacFormat.COLON_PAIRS.format(MAC));
        assertEquals("0A1B2C:3D4E5F", MacFormat.COLON_HALVES.format(MAC));
        assertEquals("0A-1B-2C-3D-4E-5F", MacFormat.DASHES.format(MAC));
        assertEquals("0A1B2C-3D4E5F", MacFormat.DASH_HALVES.format(MAC));
        assertEquals("0A1B2C3D4E5F", MacFormat.PLAIN.format(MAC));
        assertEquals("0A 1B 2C 3D 4E 5F", MacFormat.SPACES.format(MAC));
    }

    @Test
    void patternsRoundTrip() {
        for (String p : MacFormat.patterns()) {
            assertEquals(p, MacFormat.ofPattern(p).pattern());
        }
        assertEquals(7, MacFormat.patterns().size());
        assertThrows(IllegalArgumentException.class, () -> MacFormat.ofPattern("xx:xx"));
    }
}
