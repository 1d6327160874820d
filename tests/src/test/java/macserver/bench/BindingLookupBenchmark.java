package macserver.bench;

import java.util.Arrays;
import macserver.config.Menu;
import macserver.config.menus.BindingTable;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;

/**
 * The data path's binding lookup at 1,000 and 1,000,000 bindings, and what the memory of this
 * machine allows: the same loop reading one random long from a plain array as large as the
 * table's MAC index (the floor any one-access hash could reach). Two key patterns: sequential
 * MACs (one vendor's block) and MACs scattered over 40 bits (what a real ISP sees). The loops
 * as the scale benchmark runs them are independent lookups, which the CPU overlaps (several
 * misses in flight: throughput); the chained ones make each lookup's MAC depend on the answer
 * before it, as one frame after another on a data path that does nothing else (latency). Every figure
 * is taken several times, interleaved, and given as median and range, because the machine is
 * shared. Run with {@code make bench}; arguments: the big size, the rounds per figure.
 */
public final class BindingLookupBenchmark {
    private static final long LOCAL_UNICAST = 0x02_00_00_00_00_00L;
    private static final long LOW40 = (1L << 40) - 1;
    private static final int SMALL = 1_000;
    private static final int PASSES = 5;

    private final int rounds;

    private BindingLookupBenchmark(int rounds) {
        this.rounds = rounds;
    }

    public static void main(String[] args) {
        int big = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        BindingLookupBenchmark bench = new BindingLookupBenchmark(args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000);
        Menu menu = StandardSchema.create(new LiveStatus()).menu("ip mac-server binding");
        String[] names = {
            "lookup (data path, seqlock), sequential MACs",
            "lookup (data path, seqlock), scattered MACs",
            "idOfMac (under the model lock), sequential MACs",
            "plain long[] of the index's size, one random read (floor)",
            "chained: lookup (data path), sequential MACs",
            "chained: plain long[] read (floor: the memory's latency)",
        };
        int[] sizes = {SMALL, big};
        BindingTable[][] tables = new BindingTable[2][2];
        long[][] plain = new long[2][];
        for (int s = 0; s < 2; s++) {
            tables[s][0] = table(menu, sizes[s], false);
            tables[s][1] = table(menu, sizes[s], true);
            // The index keeps at most half its slots in use, 16 bytes a slot, in a power of two.
            plain[s] = new long[2 * Integer.highestOneBit(sizes[s] * 2 - 1) * 2];
            Arrays.fill(plain[s], 1);
        }
        double[][][] ns = new double[names.length][2][PASSES];
        for (int pass = -1; pass < PASSES; pass++) { // pass -1 warms the JIT up
            for (int s = 0; s < 2; s++) {
                BindingTable lookupTable = tables[s][0];
                long[] plainArray = plain[s];
                double[] r = {
                    bench.lookup(tables[s][0], sizes[s], false, true),
                    bench.lookup(tables[s][1], sizes[s], true, true),
                    bench.lookup(tables[s][0], sizes[s], false, false),
                    bench.plainRead(plain[s]),
                    bench.chained(i -> lookupTable.lookup(LOCAL_UNICAST | i), sizes[s]),
                    bench.chained(i -> plainArray[slot(i, plainArray.length - 2)], sizes[s]),
                };
                for (int f = 0; pass >= 0 && f < r.length; f++) {
                    ns[f][s][pass] = r[f];
                }
            }
        }
        System.out.println();
        System.out.printf("| ns per lookup, median (min-max of %d) | %,d bindings | %,d bindings | ratio (medians) |%n",
                PASSES, SMALL, big);
        System.out.println("|---|---|---|---|");
        for (int f = 0; f < names.length; f++) {
            System.out.printf("| %s | %s | %s | %.2f |%n", names[f], spread(ns[f][0]), spread(ns[f][1]),
                    median(ns[f][1]) / median(ns[f][0]));
        }
    }

    /** {@code count} bindings to server 1; MAC i is sequential, or i scattered by a 40-bit bijection. */
    private static BindingTable table(Menu menu, int count, boolean scattered) {
        BindingTable t = new BindingTable(menu);
        for (int i = 0; i < count; i++) {
            Object[] row = menu.defaultRow();
            row[0] = mac(i, scattered);
            row[1] = 1;
            row[7] = 1_700_000_000L;
            t.put(t.allocateId(), row);
        }
        return t;
    }

    private static long mac(long i, boolean scattered) {
        if (!scattered) {
            return LOCAL_UNICAST | i;
        }
        // Odd multipliers and a right xor-shift are each one-to-one on 40 bits, so no MAC repeats.
        long x = (i * 0x9E37_79B9_7FL) & LOW40;
        x ^= x >>> 19;
        x = (x * 0xC2B2_AE3D_27L) & LOW40;
        return LOCAL_UNICAST | x;
    }

    /** Lookups of random members; {@code seqlock} picks the data path's call over the locked one. */
    private double lookup(BindingTable table, int count, boolean scattered, boolean seqlock) {
        long seed = 12345;
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            long mac = mac((seed >>> 33) % count, scattered);
            sink += seqlock ? table.lookup(mac) : table.idOfMac(mac);
        }
        return done(start, sink);
    }

    /** The same random stream and loop, one read of a random even slot: no hashing, no probing. */
    private double plainRead(long[] array) {
        int mask = array.length - 2;
        long seed = 12345;
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            sink += array[slot(seed >>> 33, mask)];
        }
        return done(start, sink);
    }

    /** The even index the MAC index would give sequential MAC {@code i}. */
    private static int slot(long i, int mask) {
        long h = (LOCAL_UNICAST | i) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) << 1 & mask;
    }

    /**
     * One read after another: {@code read} gets member {@code i} and the next member depends on
     * its answer (the answer's top bit, 0 for every member, so the order stays random).
     */
    private double chained(java.util.function.LongUnaryOperator read, int count) {
        long seed = 12345;
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < rounds / 4; i++) {
            long r = read.applyAsLong((seed >>> 33) % count);
            seed = seed * 6364136223846793005L + 1442695040888963407L + (r >>> 63);
            sink += r;
        }
        return done(start, sink) * 4;
    }

    private double done(long start, long sink) {
        double ns = (System.nanoTime() - start) / (double) rounds;
        if (sink == 42) {
            System.out.println("(sink)");
        }
        return ns;
    }

    private static String spread(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return String.format("%.1f (%.1f-%.1f)", median(values), s[0], s[s.length - 1]);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
