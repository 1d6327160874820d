package macserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The link without a broker (connected behaviour is shown by the system tests against mosquitto). */
class PahoLinkTest {
    @Test
    void publishingNeverThrowsAndRefusesPastTheBoundedQueue() {
        try (PahoLink link = new PahoLink()) {
            int attempts = PahoLink.OUTGOING_CAPACITY + 10;
            int accepted = 0;
            for (int i = 0; i < attempts; i++) {
                accepted += link.publish("a/b", new byte[] {1}, 1, false) ? 1 : 0;
            }
            // The sender may hold one message while it waits for a connection, taken at any moment.
            assertTrue(accepted == PahoLink.OUTGOING_CAPACITY || accepted == PahoLink.OUTGOING_CAPACITY + 1, "" + accepted);
            assertEquals(attempts - accepted, link.refusedPublishes());
            assertFalse(link.isConnected());
        }
    }

    @Test
    void brokerSettingsNeverShowThePassword() {
        BrokerSettings b = new BrokerSettings("10.0.0.1", 8883, true, null, "r1", "pw-1".getBytes(), "c1", 60);
        assertEquals("ssl://10.0.0.1:8883", b.uri());
        assertFalse(b.toString().contains("pw-1"));
        assertEquals("tcp://[fd00::1]:1883", new BrokerSettings("fd00::1", 1883, false, null, null, null, "c", 0).uri());
        assertEquals(b, new BrokerSettings("10.0.0.1", 8883, true, null, "r1", "pw-1".getBytes(), "c1", 60));
    }
}
