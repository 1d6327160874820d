package macserver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiSentenceDecoderTest {
    private static final ApiLimits LIMITS = new ApiLimits(1 << 22, 1 << 23, 64);

    private static byte[] encode(ApiSentence... sentences) {
        EmbeddedChannel ch = new EmbeddedChannel(ApiSentenceEncoder.INSTANCE);
        for (ApiSentence s : sentences) {
            ch.writeOutbound(s);
        }
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }

    private static List<Object> decode(ApiLimits limits, byte[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new ApiSentenceDecoder(limits));
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        List<Object> out = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            out.add(m);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void everyLengthFormRoundTrips() {
        for (int n : List.of(0x7F, 0x80, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000)) {
            ApiSentence s = ApiSentence.of("/x/add", "=comment=" + "c".repeat(n - "=comment=".length()), "=v=a=b", "=e=");
            byte[] bytes = encode(s);
            assertEquals(List.of(s), decode(LIMITS, bytes), "length " + n);
        }
        assertEquals(3, ApiSentenceEncoder.lengthBytes(0x1FFFFF));
        assertEquals(4, ApiSentenceEncoder.lengthBytes(0x200000));
        assertEquals(5, ApiSentenceEncoder.lengthBytes(0x10000000));
    }

    @Test
    void theFiveByteFormIsRead() {
        byte[] bytes = {(byte) 0xF0, 0, 0, 0, 3, 'a', 'b', 'c', 0};
        assertEquals(List.of(ApiSentence.of("abc")), decode(LIMITS, bytes));
    }

    @Test
    void sentencesSplitAtEveryPointDecodeTheSame() {
        ApiSentence a = ApiSentence.of("/login", "=name=admin", "=password=" + "p".repeat(200));
        ApiSentence b = ApiSentence.of("/ip/mac-server/print", "?=name=x", ".tag=7");
        byte[] bytes = encode(a, b);
        for (int cut = 0; cut <= bytes.length; cut++) {
            byte[] head = java.util.Arrays.copyOfRange(bytes, 0, cut);
            byte[] tail = java.util.Arrays.copyOfRange(bytes, cut, bytes.length);
            assertEquals(List.of(a, b), decode(LIMITS, head, tail), "cut at " + cut);
        }
    }

    @Test
    void emptySentencesAreSkipped() {
        byte[] bytes = encode(ApiSentence.of("/quit"));
        byte[] withEmpties = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, withEmpties, 3, bytes.length);
        assertEquals(List.of(ApiSentence.of("/quit")), decode(LIMITS, withEmpties));
    }

    @Test
    void reservedAndMeaninglessPrefixesEndTheStream() {
        for (int first : List.of(0xF8, 0xFF, 0xF1, 0xF7)) {
            byte[] good = encode(ApiSentence.of("/a/print"));
            byte[] bad = {(byte) first, 1, 2, 3, 4, 5, 0};
            List<Object> out = decode(LIMITS, good, bad, good);
            assertEquals(2, out.size(), "the sentence before, the error, nothing after");
            assertEquals(ApiSentence.of("/a/print"), out.get(0));
            assertEquals(String.format("bad length prefix 0x%02X", first), assertInstanceOf(ApiFramingError.class, out.get(1)).reason());
        }
    }

    @Test
    void oversizedWordsAndSentencesAreRefusedBeforeTheirBytesArrive() {
        ApiLimits small = new ApiLimits(100, 300, 5);
        byte[] declaresHuge = {(byte) 0xEF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        List<Object> out = decode(small, declaresHuge);
        assertEquals("word of 268435455 bytes is over the limit of 100", ((ApiFramingError) out.getFirst()).reason());

        String word = "w".repeat(90);
        out = decode(small, encode(ApiSentence.of(word, word, word, word)));
        assertEquals("sentence is over the limit of 300 bytes", ((ApiFramingError) out.getFirst()).reason());

        out = decode(small, encode(ApiSentence.of("a", "b", "c", "d", "e", "f")));
        assertEquals("sentence has more than 5 words", ((ApiFramingError) out.getFirst()).reason());
    }

    @Test
    void aWordThatIsNotUtf8RefusesItsSentenceOnly() {
        byte[] bad = {6, '/', 'a', '/', 'a', 'd', 'd', 11, '=', 'c', 'o', 'm', 'm', 'e', 'n', 't', '=', (byte) 0xE9, 'x', 5, '.', 't', 'a',
            'g', '=', 0};
        byte[] good = encode(ApiSentence.of("/a/print", "=comment=caf\u00e9"));
        List<Object> out = decode(LIMITS, bad, good);
        ApiRefusedSentence refused = assertInstanceOf(ApiRefusedSentence.class, out.get(0));
        assertEquals("word 2 is not UTF-8", refused.reason());
        assertEquals(List.of("/a/add", "=comment=\ufffdx", ".tag="), refused.sentence().words());
        assertEquals(ApiSentence.of("/a/print", "=comment=caf\u00e9"), out.get(1), "the next sentence is read as usual");
    }

    @Test
    void knowsWhenASentenceIsPending() {
        ApiSentenceDecoder decoder = new ApiSentenceDecoder(LIMITS);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        assertFalse(decoder.midSentence());
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 'a'}));
        assertTrue(decoder.midSentence(), "half a word");
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'b', 'c'}));
        assertTrue(decoder.midSentence(), "a word, no end yet");
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0}));
        assertFalse(decoder.midSentence());
        assertEquals(ApiSentence.of("abc"), ch.readInbound());
        ch.finishAndReleaseAll();
    }
}
