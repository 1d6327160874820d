package macserver.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NftBatchTest {
    private static final SetName ALLOW = new SetName("macserver", "allowed");

    @Test
    void createsTheTableAndSetThenChangesElements() {
        String text = new NftBatch().create(ALLOW)
                .change(ALLOW, new SetDiff(new long[] {0x0a0b0c0d0e0fL, 1}, new long[] {0x020000000000L})).text();
        assertEquals("""
                add table inet macserver
                add set inet macserver allowed { type ether_addr; }
                delete element inet macserver allowed { 02:00:00:00:00:00 }
                add element inet macserver allowed { 0a:0b:0c:0d:0e:0f, 00:00:00:00:00:01 }
                """, text);
    }

    @Test
    void neverFlushesOrNamesChainsAndRules() {
        String text = new NftBatch().create(ALLOW).change(ALLOW, new SetDiff(new long[] {1}, new long[] {2})).text();
        assertFalse(text.contains("flush") || text.contains("chain") || text.contains("rule"), text);
    }

    @Test
    void manyElementsGoOnSeveralLinesOfTheSameBatch() {
        long[] macs = new long[NftBatch.ELEMENTS_PER_LINE * 2 + 1];
        for (int i = 0; i < macs.length; i++) {
            macs[i] = i + 1;
        }
        String text = new NftBatch().change(ALLOW, new SetDiff(macs, new long[0])).text();
        assertEquals(3, text.lines().count());
        assertTrue(text.lines().allMatch(l -> l.startsWith("add element inet macserver allowed { ")));
        assertEquals(macs.length, Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}").matcher(text).results().count());
    }

    @Test
    void noChangeIsAnEmptyBatch() {
        assertTrue(new NftBatch().change(ALLOW, new SetDiff(new long[0], new long[0])).isEmpty());
    }
}
