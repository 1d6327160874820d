package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdmissionTest {
    @Test
    void anAdmissionCarriesTheServerAndWhetherTheMacIsBound() {
        long a = Admission.admitted(0xFF_FFFF, true);
        assertFalse(Admission.isDropped(a));
        assertEquals(0xFF_FFFF, Admission.serverId(a));
        assertTrue(Admission.isBound(a));
        long b = Admission.admitted(0, false);
        assertFalse(Admission.isDropped(b));
        assertEquals(0, Admission.serverId(b));
        assertFalse(Admission.isBound(b));
        assertEquals("server 0", Admission.describe(b));
    }

    @Test
    void everyDropReasonSurvivesThePacking() {
        for (DropReason r : DropReason.values()) {
            long d = Admission.dropped(r);
            assertTrue(Admission.isDropped(d), r.name());
            assertEquals(r, Admission.reason(d));
            assertEquals(r.word(), Admission.describe(d));
        }
    }
}
