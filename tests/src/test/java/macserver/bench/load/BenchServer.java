package macserver.bench.load;

/** A MAC-Telnet server under load, running in the router namespace, as the benchmark drives it. */
interface BenchServer extends AutoCloseable {

    /** "firmware" or "mactelnetd": the prefix of its figures. */
    String name();

    /** Its MAC on the segment, colon-separated. */
    String mac();

    /** The process whose memory is measured. */
    long pid();

    /** Whether {@link #pid()} is a JVM (then its heap is measured too). */
    boolean isJvm();

    /** What its terminal prints last when a login is done and it waits for input. */
    String prompt();

    String user();

    String password();

    /** Whether it is still running (a crash under load is a result too). */
    boolean isAlive();
}
