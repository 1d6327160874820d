package macserver.vm;

/**
 * Whether this VM compiles hot code. The warm-ups at start (the data path's, the logins') run
 * their code thousands of times so that it is compiled before the first frame; the Zero VM of
 * the MIPS boards (and -Xint) only interprets, so there those rounds buy nothing but minutes of a
 * slow CPU at boot, and one round, which loads the classes, is all they should do.
 */
public final class JitCompiler {

    private JitCompiler() {
    }

    /** False on a VM that says it runs in "interpreted mode" (java.vm.info), true otherwise. */
    public static boolean present() {
        return !System.getProperty("java.vm.info", "").contains("interpreted mode");
    }

    /** {@code rounds} where hot code gets compiled, else one. */
    public static int warmUpRounds(int rounds) {
        return present() ? rounds : Math.min(rounds, 1);
    }
}
