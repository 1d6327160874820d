package macserver.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpfProgramTest {
    @Test
    void laysOutSockFprogAndSockFilterAsTheKernelReadsThem() {
        BpfProgram program = new BpfProgram(List.of(new BpfProgram.Instruction(0x28, 0, 0, 12),
                new BpfProgram.Instruction(0x15, 1, 2, 0x0800), new BpfProgram.Instruction(0x06, 0, 0, 0)));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fprog = program.toSockFprog(arena);

            assertEquals(2 * ValueLayout.ADDRESS.byteSize(), fprog.byteSize());
            assertEquals(3, fprog.get(ValueLayout.JAVA_SHORT, 0));
            MemorySegment filter = fprog.get(ValueLayout.ADDRESS, ValueLayout.ADDRESS.byteSize()).reinterpret(24);
            assertEquals(0x15, filter.get(ValueLayout.JAVA_SHORT, 8));
            assertEquals(1, filter.get(ValueLayout.JAVA_BYTE, 10));
            assertEquals(2, filter.get(ValueLayout.JAVA_BYTE, 11));
            assertEquals(0x0800, filter.get(ValueLayout.JAVA_INT, 12));
            assertEquals(12, filter.get(ValueLayout.JAVA_INT, 4));
        }
    }

    @Test
    void refusesWhatIsNotASockFilter() {
        assertThrows(IllegalArgumentException.class, () -> new BpfProgram(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new BpfProgram.Instruction(0x10000, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BpfProgram.Instruction(0x15, 256, 0, 0));
    }
}
