package macserver.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CpuTest {
    @Test
    void keepsItsFigures() {
        Cpu cpu = new Cpu("Qualcomm IPQ-4018", 4, 716);

        assertEquals(4, cpu.cores());
        assertEquals(716, cpu.mhz());
    }

    @Test
    void rejectsImpossibleFigures() {
        assertThrows(IllegalArgumentException.class, () -> new Cpu(" ", 4, 716));
        assertThrows(IllegalArgumentException.class, () -> new Cpu("x", 0, 716));
        assertThrows(IllegalArgumentException.class, () -> new Cpu("x", 4, 0));
    }
}
