package macserver.nft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SetDiffTest {
    @Test
    void addsWhatIsMissingAndDeletesWhatIsExtraInOrder() {
        SetDiff d = SetDiff.between(Set.of(5L, 1L, 3L), Set.of(3L, 9L, 7L));
        assertArrayEquals(new long[] {1, 5}, d.add());
        assertArrayEquals(new long[] {7, 9}, d.delete());
    }

    @Test
    void equalSetsNeedNothing() {
        assertTrue(SetDiff.between(Set.of(1L, 2L), Set.of(2L, 1L)).isEmpty());
    }
}
