package macserver.nft;

import java.util.Arrays;
import java.util.Set;

/** What turns a set's content into the bindings: MACs to add and to delete, each in ascending order. */
public record SetDiff(long[] add, long[] delete) {

    public static SetDiff between(Set<Long> desired, Set<Long> actual) {
        return new SetDiff(missingFrom(desired, actual), missingFrom(actual, desired));
    }

    private static long[] missingFrom(Set<Long> from, Set<Long> other) {
        long[] out = new long[from.size()];
        int n = 0;
        for (long mac : from) {
            if (!other.contains(mac)) {
                out[n++] = mac;
            }
        }
        long[] result = Arrays.copyOf(out, n);
        Arrays.sort(result);
        return result;
    }

    public boolean isEmpty() {
        return add.length == 0 && delete.length == 0;
    }
}
