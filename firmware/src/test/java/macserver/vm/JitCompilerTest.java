package macserver.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitCompilerTest {

    @Test
    void aVmThatOnlyInterpretsIsToldApart() {
        String info = System.getProperty("java.vm.info");
        try {
            assertTrue(JitCompiler.present(), info);
            assertEquals(12_000, JitCompiler.warmUpRounds(12_000));
            // What the Zero VM of the MIPS boards (and -Xint) says.
            System.setProperty("java.vm.info", "interpreted mode, sharing");
            assertFalse(JitCompiler.present());
            assertEquals(1, JitCompiler.warmUpRounds(12_000));
            assertEquals(0, JitCompiler.warmUpRounds(0));
        } finally {
            System.setProperty("java.vm.info", info);
        }
    }
}
