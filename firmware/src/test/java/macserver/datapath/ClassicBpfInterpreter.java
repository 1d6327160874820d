package macserver.datapath;

import java.util.List;

/**
 * Runs the few classic BPF instructions the data path's filter uses, with the kernel's rules:
 * a load past the end of the packet ends the program with 0 (drop), jumps only go forward.
 * The checks the kernel makes when the filter is attached are made up front.
 */
final class ClassicBpfInterpreter {
    private final List<BpfProgram.Instruction> program;

    ClassicBpfInterpreter(BpfProgram program) {
        this.program = program.instructions();
        for (int pc = 0; pc < this.program.size(); pc++) {
            BpfProgram.Instruction in = this.program.get(pc);
            if ((in.code() & 0x07) == BpfProgram.JMP) {
                if (pc + 1 + in.jt() >= this.program.size() || pc + 1 + in.jf() >= this.program.size()) {
                    throw new IllegalArgumentException("jump out of the program at " + pc);
                }
            }
        }
        if ((this.program.getLast().code() & 0x07) != BpfProgram.RET) {
            throw new IllegalArgumentException("the program does not end with a return");
        }
    }

    /** The number of bytes the filter keeps: 0 drops the packet. */
    int run(byte[] packet) {
        int a = 0;
        int x = 0;
        int pc = 0;
        while (true) {
            BpfProgram.Instruction in = program.get(pc++);
            int k = in.k();
            switch (in.code()) {
                case 0x20 -> { // ld [k] (word)
                    if (k < 0 || k + 4 > packet.length) {
                        return 0;
                    }
                    a = (packet[k] & 0xFF) << 24 | (packet[k + 1] & 0xFF) << 16 | (packet[k + 2] & 0xFF) << 8 | (packet[k + 3] & 0xFF);
                }
                case 0x28 -> { // ldh [k]
                    if (k < 0 || k + 2 > packet.length) {
                        return 0;
                    }
                    a = (packet[k] & 0xFF) << 8 | (packet[k + 1] & 0xFF);
                }
                case 0x30 -> { // ldb [k]
                    if (k < 0 || k + 1 > packet.length) {
                        return 0;
                    }
                    a = packet[k] & 0xFF;
                }
                case 0x48 -> { // ldh [x + k]
                    int at = x + k;
                    if (at < 0 || at + 2 > packet.length) {
                        return 0;
                    }
                    a = (packet[at] & 0xFF) << 8 | (packet[at + 1] & 0xFF);
                }
                case 0xB1 -> { // ldxb 4 * ([k] & 0xf)
                    if (k < 0 || k + 1 > packet.length) {
                        return 0;
                    }
                    x = (packet[k] & 0x0F) * 4;
                }
                case 0x15 -> pc += a == k ? in.jt() : in.jf(); // jeq #k
                case 0x45 -> pc += (a & k) != 0 ? in.jt() : in.jf(); // jset #k
                case 0x06 -> {
                    return k; // ret #k
                }
                default -> throw new IllegalArgumentException("opcode 0x" + Integer.toHexString(in.code()) + " at " + (pc - 1));
            }
        }
    }
}
