package macserver.datapath;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic BPF program (Linux {@code struct sock_filter[]}) as the kernel runs it on a packet
 * socket: loads are relative to the start of the Ethernet header. Immutable.
 */
public final class BpfProgram {
    // Opcode parts from linux/filter.h.
    static final int LD = 0x00;
    static final int LDX = 0x01;
    static final int JMP = 0x05;
    static final int RET = 0x06;
    static final int W = 0x00;
    static final int H = 0x08;
    static final int B = 0x10;
    static final int ABS = 0x20;
    static final int IND = 0x40;
    static final int MSH = 0xA0;
    static final int JEQ = 0x10;
    static final int JSET = 0x40;
    static final int K = 0x00;

    /** One {@code struct sock_filter}: u16 code, u8 jt, u8 jf, u32 k. */
    public record Instruction(int code, int jt, int jf, int k) {
        public Instruction {
            if ((code & ~0xFFFF) != 0 || (jt & ~0xFF) != 0 || (jf & ~0xFF) != 0) {
                throw new IllegalArgumentException("not a sock_filter: code " + code + ", jt " + jt + ", jf " + jf);
            }
        }
    }

    static final StructLayout SOCK_FILTER = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("code"), ValueLayout.JAVA_BYTE.withName("jt"),
            ValueLayout.JAVA_BYTE.withName("jf"), ValueLayout.JAVA_INT.withName("k"));
    /** {@code struct sock_fprog}: unsigned short len, then the pointer at its natural alignment. */
    static final StructLayout SOCK_FPROG = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("len"),
            MemoryLayout.paddingLayout(ValueLayout.ADDRESS.byteSize() - ValueLayout.JAVA_SHORT.byteSize()),
            ValueLayout.ADDRESS.withName("filter"));

    private final List<Instruction> instructions;

    public BpfProgram(List<Instruction> instructions) {
        if (instructions.isEmpty() || instructions.size() > 4096) {
            throw new IllegalArgumentException("a BPF program has 1..4096 instructions, got " + instructions.size());
        }
        this.instructions = List.copyOf(instructions);
    }

    public List<Instruction> instructions() {
        return instructions;
    }

    /** The {@code sock_fprog} for SO_ATTACH_FILTER, with its instructions, allocated in {@code arena}. */
    MemorySegment toSockFprog(Arena arena) {
        MemorySegment filter = arena.allocate(SOCK_FILTER, instructions.size());
        for (int i = 0; i < instructions.size(); i++) {
            Instruction in = instructions.get(i);
            long base = i * SOCK_FILTER.byteSize();
            filter.set(ValueLayout.JAVA_SHORT, base, (short) in.code());
            filter.set(ValueLayout.JAVA_BYTE, base + 2, (byte) in.jt());
            filter.set(ValueLayout.JAVA_BYTE, base + 3, (byte) in.jf());
            filter.set(ValueLayout.JAVA_INT, base + 4, in.k());
        }
        MemorySegment program = arena.allocate(SOCK_FPROG);
        program.set(ValueLayout.JAVA_SHORT, 0, (short) instructions.size());
        program.set(ValueLayout.ADDRESS, SOCK_FPROG.byteOffset(MemoryLayout.PathElement.groupElement("filter")), filter);
        return program;
    }

    /** Collects instructions; jumps are written as offsets to the next instruction, as in the kernel. */
    static final class Builder {
        private final List<Instruction> list = new ArrayList<>();

        Builder add(int code, int jt, int jf, int k) {
            list.add(new Instruction(code, jt, jf, k));
            return this;
        }

        int size() {
            return list.size();
        }

        BpfProgram build() {
            return new BpfProgram(list);
        }
    }
}
