package macserver.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LoadSessionTest {

    @Test
    void md5AnswerMatchesTheProtocolSheetsVector() {
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        assertEquals("00925d25da4b1ffe731237818c4e1fcd57", HexFormat.of().formatHex(LoadSession.md5Answer("secret", salt)));
    }

    @Test
    void passwordsLongerThan82BytesAreCutAsTheClientsCutThem() {
        byte[] salt = new byte[16];
        String base = "p".repeat(82);
        assertEquals(HexFormat.of().formatHex(LoadSession.md5Answer(base, salt)),
                HexFormat.of().formatHex(LoadSession.md5Answer(base + "tail", salt)));
    }
}
