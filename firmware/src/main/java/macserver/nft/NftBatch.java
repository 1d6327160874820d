package macserver.nft;

/**
 * The text of one {@code nft -f} batch that brings sets to their bindings. nft applies a whole
 * file as one transaction, so the sets never pass through a state that is neither the old nor
 * the new one (unlike flush-and-refill). Only missing tables and sets are created; chains and
 * rules are never named, so the operator's rules stay as they are.
 */
public final class NftBatch {
    /** Elements per command line: keeps lines short enough for nft's parser, same transaction either way. */
    static final int ELEMENTS_PER_LINE = 4096;

    private final StringBuilder text = new StringBuilder();
    private int changes;

    /** Creates {@code name}'s table (if missing) and the set, typed for MAC addresses. */
    public NftBatch create(SetName name) {
        text.append("add table ").append(SetName.FAMILY).append(' ').append(name.table()).append('\n');
        text.append("add set ").append(name.spec()).append(" { type ").append(SetListing.MAC_TYPE).append("; }\n");
        changes++;
        return this;
    }

    public NftBatch change(SetName name, SetDiff diff) {
        elements("delete", name, diff.delete());
        elements("add", name, diff.add());
        return this;
    }

    private void elements(String verb, SetName name, long[] macs) {
        for (int from = 0; from < macs.length; from += ELEMENTS_PER_LINE) {
            int to = Math.min(macs.length, from + ELEMENTS_PER_LINE);
            text.append(verb).append(" element ").append(name.spec()).append(" { ");
            for (int i = from; i < to; i++) {
                if (i > from) {
                    text.append(", ");
                }
                appendMac(text, macs[i]);
            }
            text.append(" }\n");
            changes++;
        }
    }

    static void appendMac(StringBuilder out, long mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac >>> shift) & 0xff;
            out.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            if (shift > 0) {
                out.append(':');
            }
        }
    }

    public boolean isEmpty() {
        return changes == 0;
    }

    public String text() {
        return text.toString();
    }
}
