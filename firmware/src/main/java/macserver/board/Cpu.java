package macserver.board;

/** The board's processor, as far as sizing thread pools and reading benchmarks needs it. */
public record Cpu(String model, int cores, int mhz) {
    public Cpu {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("cpu.model must not be empty");
        }
        if (cores < 1) {
            throw new IllegalArgumentException("cpu.cores must be at least 1, was " + cores);
        }
        if (mhz < 1) {
            throw new IllegalArgumentException("cpu.mhz must be at least 1, was " + mhz);
        }
    }
}
