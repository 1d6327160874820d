package macserver.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The process handling, with small shell scripts standing in for nft. */
class NftProgramTest {
    private static final SetName NAME = new SetName("t", "s");

    private static NftProgram script(String body) {
        return new NftProgram(List.of("sh", "-c", body, "nft"));
    }

    @Test
    void aMissingSetListsAsNull() throws Exception {
        assertNull(script("echo 'Error: No such file or directory' >&2; exit 1").listSet(NAME));
    }

    @Test
    void theListingAndTheArgumentsGoThrough() throws Exception {
        assertEquals("-j list set inet t s\n", script("echo \"$*\"").listSet(NAME));
    }

    @Test
    void theBatchGoesInOnStandardInputAndARefusalBringsNftsFirstLine() {
        NftException e = assertThrows(NftException.class,
                () -> script("cat >&2; echo; exit 1").apply("add table inet t\nadd set inet t s\n"));
        assertEquals("add table inet t", e.getMessage());
    }

    @Test
    void noProgramIsAClearError() {
        NftException e = assertThrows(NftException.class,
                () -> new NftProgram(List.of("/nonexistent/nft")).apply("add table inet t\n"));
        assertTrue(e.getMessage().startsWith("cannot run /nonexistent/nft"), e.getMessage());
    }
}
