package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MacServerConfigTest {

    @Test
    void sessionCapScalesWithTheHeapWithinBounds() {
        assertEquals(1024, MacServerConfig.forHeap(256).maxSessions());
        assertEquals(2048, MacServerConfig.forHeap(512).maxSessions());
        // A 24 MiB board still lets every half-open slot exist...
        assertEquals(MacServerConfig.DEFAULTS.maxHalfOpen(), MacServerConfig.forHeap(8).maxSessions());
        assertEquals(96, MacServerConfig.forHeap(24).maxSessions());
        // ...and a huge heap does not lift the cap without end.
        assertEquals(4096, MacServerConfig.forHeap(65536).maxSessions());
    }

    @Test
    void onlyTheSessionCapChanges() {
        MacServerConfig scaled = MacServerConfig.forHeap(256);
        assertEquals(MacServerConfig.DEFAULTS.withMaxSessions(1024), scaled);
        assertEquals(MacServerConfig.DEFAULTS.maxHalfOpen(), scaled.maxHalfOpen());
        assertEquals(MacServerConfig.DEFAULTS.inputBufferBytes(), scaled.inputBufferBytes());
    }

    @Test
    void aSmallerCapPullsTheHalfOpenLimitDown() {
        MacServerConfig tiny = MacServerConfig.DEFAULTS.withMaxSessions(10);
        assertEquals(10, tiny.maxSessions());
        assertEquals(10, tiny.maxHalfOpen());
        assertThrows(IllegalArgumentException.class, () -> MacServerConfig.DEFAULTS.withMaxSessions(0));
    }
}
