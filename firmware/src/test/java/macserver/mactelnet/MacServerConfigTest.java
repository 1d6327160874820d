package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MacServerConfigTest {

    @Test
    void sessionCapScalesWithTheHeapWithinBounds() {
        // The host and most router profiles (-Xmx256m) hold over 10,000 idle sessions.
        assertEquals(10_240, MacServerConfig.forHeap(256).maxSessions());
        assertEquals(960, MacServerConfig.forHeap(24).maxSessions());
        // A tiny heap still lets every half-open slot exist...
        assertEquals(MacServerConfig.DEFAULTS.maxHalfOpen(), MacServerConfig.forHeap(1).maxSessions());
        // ...and a huge heap does not lift the cap without end.
        assertEquals(16_384, MacServerConfig.forHeap(512).maxSessions());
        assertEquals(16_384, MacServerConfig.forHeap(65536).maxSessions());
    }

    @Test
    void onlyTheSessionCapChanges() {
        MacServerConfig scaled = MacServerConfig.forHeap(256);
        assertEquals(MacServerConfig.DEFAULTS.withMaxSessions(10_240), scaled);
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
